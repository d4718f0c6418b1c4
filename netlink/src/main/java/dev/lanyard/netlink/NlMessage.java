package dev.lanyard.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One received netlink message: its header fields and a view of its payload. A message handed to a
 * callback by {@link NetlinkSocket} is valid only during the callback; {@link #copy} keeps one.
 */
public final class NlMessage {
  private final ByteBuffer buf;

  /** Wraps the bytes of one message: {@code buf}'s position is the header, its limit the message end. */
  public NlMessage(ByteBuffer buf) {
    this.buf = buf.slice().order(ByteOrder.nativeOrder());
  }

  public int length() {
    return buf.getInt(0);
  }

  public int type() {
    return Short.toUnsignedInt(buf.getShort(4));
  }

  public int flags() {
    return Short.toUnsignedInt(buf.getShort(6));
  }

  public int seq() {
    return buf.getInt(8);
  }

  public int pid() {
    return buf.getInt(12);
  }

  /** The payload after the 16-byte header, positioned at 0, native byte order. */
  public ByteBuffer payload() {
    return buf.slice(Netlink.HEADER_LENGTH, buf.limit() - Netlink.HEADER_LENGTH).order(ByteOrder.nativeOrder());
  }

  /** The attributes that follow a family header of {@code familyHeaderLength} bytes. */
  public NlAttrs attrs(int familyHeaderLength) {
    int start = Netlink.HEADER_LENGTH + Netlink.align(familyHeaderLength);
    if (start > buf.limit()) {
      return NlAttrs.parse(buf.slice(buf.limit(), 0));
    }
    return NlAttrs.parse(buf.slice(start, buf.limit() - start));
  }

  /** A copy that outlives the receive buffer. */
  public NlMessage copy() {
    ByteBuffer copy = ByteBuffer.allocate(buf.limit()).order(ByteOrder.nativeOrder());
    copy.put(buf.duplicate().clear());
    return new NlMessage(copy.flip());
  }

  @Override
  public String toString() {
    return "NlMessage[type=" + type() + ", flags=0x" + Integer.toHexString(flags()) + ", seq=" + seq()
        + ", length=" + length() + "]";
  }
}
