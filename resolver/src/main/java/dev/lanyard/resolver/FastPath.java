package dev.lanyard.resolver;

import java.nio.ByteBuffer;

/**
 * Answers the common query — one question, A or AAAA, class IN, an optional EDNS OPT record and
 * nothing else — for a name the asking container knows, reading the query and writing the answer in
 * the caller's buffers without allocating. Anything else is left to {@link SlowPath}.
 *
 * <p>Not thread-safe: one instance per thread (it keeps the shuffle's random state).
 */
final class FastPath {
  /** The query is not the common form, or the name is not ours: let the slow path decide. */
  static final int NOT_HANDLED = -1;
  static final int TTL = 600;
  /** The UDP payload size this server advertises in its OPT record. */
  static final int ADVERTISED_UDP = 1232;

  private static final int HEADER = 12;
  private static final int TYPE_A = 1;
  private static final int TYPE_AAAA = 28;
  private static final int TYPE_OPT = 41;
  private static final int CLASS_IN = 1;
  private static final int OPT_SIZE = 11;

  private long random;

  FastPath(long seed) {
    random = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  /**
   * Answers the query in {@code in[0, inLen)} into {@code out} starting at 0, at most {@code outCapacity}
   * bytes. {@code udp}: the answer is limited to the client's EDNS size (at least 512) and truncated
   * with TC beyond it. Returns the answer's length or {@link #NOT_HANDLED}.
   */
  int answer(ByteBuffer in, int inLen, ByteBuffer out, int outCapacity, ContainerView view, boolean udp) {
    if (inLen < HEADER + 5 || (in.get(2) & 0xF8) != 0 || in.getShort(4) != 1 || in.getShort(6) != 0
        || in.getShort(8) != 0) {
      return NOT_HANDLED;
    }
    int additional = in.getShort(10) & 0xFFFF;
    if (additional > 1) {
      return NOT_HANDLED;
    }
    int pos = HEADER;
    int h = 0x811c9dc5;
    while (true) {
      if (pos >= inLen) {
        return NOT_HANDLED;
      }
      int label = in.get(pos) & 0xFF;
      h = (h ^ label) * 0x01000193;
      if (label == 0) {
        pos++;
        break;
      }
      if (label > DnsNames.MAX_LABEL || pos + label >= inLen) {
        return NOT_HANDLED;
      }
      for (int i = pos + 1, end = pos + 1 + label; i < end; i++) {
        h = (h ^ DnsNames.lower(in.get(i))) * 0x01000193;
      }
      pos += label + 1;
    }
    int nameLength = pos - HEADER;
    if (nameLength > DnsNames.MAX_WIRE || pos + 4 > inLen) {
      return NOT_HANDLED;
    }
    int type = in.getShort(pos) & 0xFFFF;
    if (in.getShort(pos + 2) != CLASS_IN || (type != TYPE_A && type != TYPE_AAAA)) {
      return NOT_HANDLED;
    }
    int questionEnd = pos + 4;
    int limit = udp ? 512 : 0xFFFF;
    boolean edns = additional == 1;
    if (edns) {
      int opt = questionEnd;
      if (opt + OPT_SIZE > inLen || in.get(opt) != 0 || in.getShort(opt + 1) != TYPE_OPT || in.get(opt + 6) != 0
          || opt + OPT_SIZE + (in.getShort(opt + 9) & 0xFFFF) != inLen) {
        return NOT_HANDLED;
      }
      if (udp) {
        limit = Math.max(512, in.getShort(opt + 3) & 0xFFFF);
      }
    } else if (questionEnd != inLen) {
      return NOT_HANDLED;
    }
    NameEntry entry = view.find(in, HEADER, nameLength, h ^ (h >>> 16));
    if (entry == null) {
      return NOT_HANDLED;
    }
    byte[] rdata;
    int rdLength;
    if (type == TYPE_A) {
      rdata = entry.ipv4();
      rdLength = 4;
      if (rdata.length == 0) {
        return NOT_HANDLED; // Docker forwards A for a name that has no IPv4 address here
      }
    } else {
      rdata = entry.ipv6();
      rdLength = 16;
      if (rdata.length == 0 && entry.ipv4().length == 0) {
        return NOT_HANDLED; // a reverse name, not a host
      }
    }
    limit = Math.min(limit, outCapacity);
    int recordSize = 12 + rdLength;
    int fixed = questionEnd + (edns ? OPT_SIZE : 0);
    int available = rdata.length / rdLength;
    int fit = Math.max(0, (limit - fixed) / recordSize);
    int count = Math.min(available, fit);
    boolean truncated = count < available;

    out.putShort(0, in.getShort(0));
    out.put(2, (byte) (0x80 | (truncated ? 0x02 : 0) | (in.get(2) & 0x01)));
    out.put(3, (byte) (0x80 | (in.get(3) & 0x10)));
    out.putShort(4, (short) 1);
    out.putShort(6, (short) count);
    out.putShort(8, (short) 0);
    out.putShort(10, (short) (edns ? 1 : 0));
    out.put(HEADER, in, HEADER, questionEnd - HEADER);
    int first = truncated ? (int) Long.remainderUnsigned(next(), available) : 0;
    int p = questionEnd;
    for (int i = 0; i < count; i++) {
      out.putShort(p, (short) 0xC00C);
      out.putShort(p + 2, (short) type);
      out.putShort(p + 4, (short) CLASS_IN);
      out.putInt(p + 6, TTL);
      out.putShort(p + 10, (short) rdLength);
      out.put(p + 12, rdata, ((first + i) % available) * rdLength, rdLength);
      p += recordSize;
    }
    shuffle(out, questionEnd + 12, recordSize, rdLength, count);
    if (edns) {
      out.put(p, (byte) 0);
      out.putShort(p + 1, (short) TYPE_OPT);
      out.putShort(p + 3, (short) ADVERTISED_UDP);
      out.putInt(p + 5, 0);
      out.putShort(p + 9, (short) 0);
      p += OPT_SIZE;
    }
    return p;
  }

  /** Fisher–Yates over the RDATA fields already written, so round-robin costs no allocation. */
  private void shuffle(ByteBuffer out, int firstRdata, int stride, int rdLength, int count) {
    for (int i = count - 1; i > 0; i--) {
      int j = (int) Long.remainderUnsigned(next(), i + 1);
      if (j != i) {
        int a = firstRdata + i * stride;
        int b = firstRdata + j * stride;
        if (rdLength == 4) {
          int t = out.getInt(a);
          out.putInt(a, out.getInt(b));
          out.putInt(b, t);
        } else {
          for (int k = 0; k < 16; k += 8) {
            long t = out.getLong(a + k);
            out.putLong(a + k, out.getLong(b + k));
            out.putLong(b + k, t);
          }
        }
      }
    }
  }

  private long next() {
    long x = random;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    random = x;
    return x;
  }
}
