package dev.lanyard.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one or more netlink messages in a growable direct buffer, in native byte order. Multi-byte
 * values are native-endian unless the method says {@code BigEndian} (network order, as nf_tables
 * payloads and ports need). Attributes are padded to 4 bytes; nested ones carry {@code NLA_F_NESTED}.
 *
 * <pre>{@code
 * NlWriter w = new NlWriter()
 *     .begin(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)
 *     .putIfInfoMsg(...)
 *     .attrString(IFLA_IFNAME, "br0");
 * int info = w.beginNested(IFLA_LINKINFO);
 * w.attrString(IFLA_INFO_KIND, "bridge").endNested(info).end();
 * }</pre>
 *
 * Not thread-safe: one writer per request being built.
 */
public final class NlWriter {
  private ByteBuffer buf;
  private int messageStart = -1;
  private final List<Integer> messageOffsets = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();

  public NlWriter() {
    this(4096);
  }

  public NlWriter(int capacity) {
    buf = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
  }

  /** Forgets everything written, keeping the buffer. */
  public NlWriter clear() {
    buf.clear();
    messageStart = -1;
    messageOffsets.clear();
    labels.clear();
    return this;
  }

  /** Starts a message; its sequence number and port are filled in by the socket that sends it. */
  public NlWriter begin(int type, int flags) {
    if (messageStart >= 0) {
      throw new IllegalStateException("message not ended");
    }
    ensure(Netlink.HEADER_LENGTH);
    messageStart = buf.position();
    messageOffsets.add(messageStart);
    labels.add(null);
    buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
    return this;
  }

  /** Names the current message, for errors the kernel reports against it. */
  public NlWriter label(String label) {
    requireOpen();
    labels.set(labels.size() - 1, label);
    return this;
  }

  /** Ends the current message: pads it and writes its length. */
  public NlWriter end() {
    requireOpen();
    pad();
    buf.putInt(messageStart, buf.position() - messageStart);
    messageStart = -1;
    return this;
  }

  public NlWriter putU8(int value) {
    ensure(1);
    buf.put((byte) value);
    return this;
  }

  public NlWriter putU16(int value) {
    ensure(2);
    buf.putShort((short) value);
    return this;
  }

  public NlWriter putU32(int value) {
    ensure(4);
    buf.putInt(value);
    return this;
  }

  public NlWriter putU64(long value) {
    ensure(8);
    buf.putLong(value);
    return this;
  }

  public NlWriter putU16BigEndian(int value) {
    ensure(2);
    buf.put((byte) (value >>> 8)).put((byte) value);
    return this;
  }

  public NlWriter putU32BigEndian(int value) {
    ensure(4);
    buf.put((byte) (value >>> 24)).put((byte) (value >>> 16)).put((byte) (value >>> 8)).put((byte) value);
    return this;
  }

  public NlWriter putBytes(byte[] bytes) {
    ensure(bytes.length);
    buf.put(bytes);
    return this;
  }

  public NlWriter putZeros(int count) {
    ensure(count);
    for (int i = 0; i < count; i++) {
      buf.put((byte) 0);
    }
    return this;
  }

  public NlWriter attr(int type, byte[] value) {
    attrHeader(type, value.length);
    buf.put(value);
    pad();
    return this;
  }

  /** An attribute with no payload (a flag). */
  public NlWriter attrFlag(int type) {
    attrHeader(type, 0);
    return this;
  }

  public NlWriter attrU8(int type, int value) {
    attrHeader(type, 1);
    buf.put((byte) value);
    pad();
    return this;
  }

  public NlWriter attrU16(int type, int value) {
    attrHeader(type, 2);
    buf.putShort((short) value);
    pad();
    return this;
  }

  public NlWriter attrU32(int type, int value) {
    attrHeader(type, 4);
    buf.putInt(value);
    return this;
  }

  public NlWriter attrU64(int type, long value) {
    attrHeader(type, 8);
    buf.putLong(value);
    return this;
  }

  public NlWriter attrU16BigEndian(int type, int value) {
    attrHeader(type, 2);
    putU16BigEndian(value);
    pad();
    return this;
  }

  public NlWriter attrU32BigEndian(int type, int value) {
    attrHeader(type, 4);
    putU32BigEndian(value);
    return this;
  }

  public NlWriter attrU64BigEndian(int type, long value) {
    attrHeader(type, 8);
    putU32BigEndian((int) (value >>> 32));
    putU32BigEndian((int) value);
    return this;
  }

  /** A NUL-terminated string attribute. */
  public NlWriter attrString(int type, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    attrHeader(type, bytes.length + 1);
    buf.put(bytes).put((byte) 0);
    pad();
    return this;
  }

  /** An address attribute: 4 bytes for IPv4, 16 for IPv6, in network order. */
  public NlWriter attrAddress(int type, InetAddress address) {
    return attr(type, address.getAddress());
  }

  /** Starts a nested attribute; pass the returned mark to {@link #endNested}. */
  public int beginNested(int type) {
    int mark = buf.position();
    attrHeader(type | Netlink.NLA_F_NESTED, 0);
    return mark;
  }

  /**
   * Starts an attribute without {@code NLA_F_NESTED} whose value is written next: for values that are a
   * struct followed by attributes ({@code VETH_INFO_PEER}). Pass the mark to {@link #endNested}.
   */
  public int beginAttr(int type) {
    int mark = buf.position();
    attrHeader(type, 0);
    return mark;
  }

  /** Ends an attribute begun by {@link #beginNested} or {@link #beginAttr}: writes its length. */
  public NlWriter endNested(int mark) {
    buf.putShort(mark, (short) (buf.position() - mark));
    return this;
  }

  /** A view of the finished messages, from 0 to the current position. */
  public ByteBuffer buffer() {
    if (messageStart >= 0) {
      throw new IllegalStateException("message not ended");
    }
    return buf.duplicate().order(ByteOrder.nativeOrder()).flip();
  }

  /** The bytes written so far, for golden tests. */
  public byte[] toByteArray() {
    ByteBuffer view = buffer();
    byte[] out = new byte[view.remaining()];
    view.get(out);
    return out;
  }

  public int messageCount() {
    return messageOffsets.size();
  }

  int messageOffset(int index) {
    return messageOffsets.get(index);
  }

  String label(int index) {
    return labels.get(index);
  }

  ByteBuffer raw() {
    return buf;
  }

  /** Whether {@code address} is IPv4, for callers choosing AF_INET vs AF_INET6. */
  public static int family(InetAddress address) {
    return address instanceof Inet4Address ? LibC.AF_INET : LibC.AF_INET6;
  }

  private void attrHeader(int type, int payloadLength) {
    requireOpen();
    int length = 4 + payloadLength;
    if (length > 0xffff) {
      throw new IllegalArgumentException("attribute " + type + " too long: " + payloadLength + " bytes");
    }
    ensure(Netlink.align(length));
    buf.putShort((short) length).putShort((short) type);
  }

  private void pad() {
    int padding = Netlink.align(buf.position()) - buf.position();
    ensure(padding);
    for (int i = 0; i < padding; i++) {
      buf.put((byte) 0);
    }
  }

  private void requireOpen() {
    if (messageStart < 0) {
      throw new IllegalStateException("no message begun");
    }
  }

  private void ensure(int extra) {
    if (buf.remaining() >= extra) {
      return;
    }
    int capacity = Math.max(buf.capacity() * 2, buf.position() + extra);
    ByteBuffer bigger = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
    buf.flip();
    bigger.put(buf);
    buf = bigger;
  }
}
