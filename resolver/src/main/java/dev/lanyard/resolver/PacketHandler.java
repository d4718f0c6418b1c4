package dev.lanyard.resolver;

import java.nio.ByteBuffer;

/**
 * Decides what to do with one query packet from a container: the {@link FastPath} first, then the
 * {@link SlowPath}. Never throws for any packet content. Not thread-safe: one per serving thread.
 */
final class PacketHandler {
  /** Say nothing. */
  static final int DROP = 0;
  /** Forward upstream; {@link #forwardLimit()} is the client's answer size limit. */
  static final int FORWARD = -1;

  private final FastPath fast;
  private int forwardLimit;

  PacketHandler(long seed) {
    fast = new FastPath(seed);
  }

  /**
   * Handles the query in {@code in[0, inLen)} from a container whose names are {@code view}. Returns the
   * answer's length (written to {@code out} from 0), {@link #DROP} or {@link #FORWARD}.
   */
  int handle(ByteBuffer in, int inLen, ByteBuffer out, int outCapacity, ContainerView view, boolean udp) {
    int n = fast.answer(in, inLen, out, outCapacity, view, udp);
    if (n != FastPath.NOT_HANDLED) {
      return n;
    }
    byte[] packet = new byte[inLen];
    in.get(0, packet, 0, inLen);
    SlowPath.Outcome outcome = SlowPath.handle(packet, view, udp);
    if (outcome instanceof SlowPath.Reply reply) {
      byte[] wire = reply.wire();
      if (wire.length > outCapacity) {
        byte[] cut = SlowPath.truncate(wire, outCapacity);
        if (cut == null || cut.length > outCapacity) {
          return DROP;
        }
        wire = cut;
      }
      out.put(0, wire, 0, wire.length);
      return wire.length;
    }
    if (outcome instanceof SlowPath.Forward forward) {
      forwardLimit = forward.clientLimit();
      return FORWARD;
    }
    return DROP;
  }

  int forwardLimit() {
    return forwardLimit;
  }
}
