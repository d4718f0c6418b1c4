package dev.lanyard.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** One netlink attribute: its type (flags masked off) and a view of its value. */
public final class NlAttr {
  private final int rawType;
  private final ByteBuffer value;

  NlAttr(int rawType, ByteBuffer value) {
    this.rawType = rawType;
    this.value = value.order(ByteOrder.nativeOrder());
  }

  public int type() {
    return rawType & Netlink.NLA_TYPE_MASK;
  }

  public boolean isNested() {
    return (rawType & Netlink.NLA_F_NESTED) != 0;
  }

  public int length() {
    return value.limit();
  }

  public int u8() {
    return Byte.toUnsignedInt(value.get(0));
  }

  public int u16() {
    return Short.toUnsignedInt(value.getShort(0));
  }

  public int u32() {
    return value.getInt(0);
  }

  public long u64() {
    return value.getLong(0);
  }

  public int u16BigEndian() {
    return (u8At(0) << 8) | u8At(1);
  }

  public int u32BigEndian() {
    return (u8At(0) << 24) | (u8At(1) << 16) | (u8At(2) << 8) | u8At(3);
  }

  public long u64BigEndian() {
    return ((long) u32BigEndianAt(0) << 32) | (u32BigEndianAt(4) & 0xffffffffL);
  }

  /** A string value without its trailing NUL. */
  public String string() {
    int end = value.limit();
    while (end > 0 && value.get(end - 1) == 0) {
      end--;
    }
    byte[] bytes = new byte[end];
    value.get(0, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public byte[] bytes() {
    byte[] bytes = new byte[value.limit()];
    value.get(0, bytes);
    return bytes;
  }

  /** An IPv4 or IPv6 address value. */
  public InetAddress address() {
    try {
      return InetAddress.getByAddress(bytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("attribute " + type() + " is not an address: " + length() + " bytes", e);
    }
  }

  /** The value read as nested attributes. */
  public NlAttrs nested() {
    return NlAttrs.parse(value.duplicate());
  }

  /** The value, positioned at 0. */
  public ByteBuffer value() {
    return value.duplicate().order(ByteOrder.nativeOrder());
  }

  private int u8At(int index) {
    return Byte.toUnsignedInt(value.get(index));
  }

  private int u32BigEndianAt(int index) {
    return (u8At(index) << 24) | (u8At(index + 1) << 16) | (u8At(index + 2) << 8) | u8At(index + 3);
  }

  @Override
  public String toString() {
    return "NlAttr[type=" + type() + (isNested() ? ", nested" : "") + ", length=" + length() + "]";
  }
}
