package dev.lanyard.resolver;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Names in DNS wire form (length-prefixed labels, a zero byte at the end), folded to lower case. */
final class DnsNames {
  static final int MAX_LABEL = 63;
  static final int MAX_WIRE = 255;

  private DnsNames() {}

  /** Checks that {@code name} is usable as a DNS name; the message names {@code what} and the value. */
  static void requireName(String what, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + " is empty: \"" + name + "\"");
    }
    if (name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
      throw new IllegalArgumentException(what + " has an empty label: \"" + name + "\"");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException(what + " has a character DNS names cannot carry: \"" + name + "\"");
      }
    }
    for (String label : name.split("\\.")) {
      if (label.length() > MAX_LABEL) {
        throw new IllegalArgumentException(what + " has a label longer than 63: \"" + name + "\"");
      }
    }
    if (name.length() + 2 > MAX_WIRE) {
      throw new IllegalArgumentException(what + " is longer than 253 characters: \"" + name + "\"");
    }
  }

  /** The lower-case wire form of a dotted name (no trailing dot), ending in the root label. */
  static byte[] wire(String dotted) {
    byte[] text = dotted.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[text.length + 2];
    int lengthAt = 0;
    int n = 0;
    for (int i = 0; i <= text.length; i++) {
      if (i == text.length || text[i] == '.') {
        out[lengthAt] = (byte) n;
        lengthAt = i + 1;
        n = 0;
      } else {
        out[i + 1] = text[i];
        n++;
      }
    }
    out[out.length - 1] = 0;
    return out;
  }

  static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }

  /** Case-folded hash of the wire name at {@code [off, off+len)}; length bytes are at most 63, never folded. */
  static int hash(ByteBuffer buf, int off, int len) {
    int h = 0x811c9dc5;
    for (int i = off, end = off + len; i < end; i++) {
      h = (h ^ lower(buf.get(i))) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  static int hash(byte[] wire) {
    return hash(ByteBuffer.wrap(wire), 0, wire.length);
  }
}
