package dev.lanyard.netlink.rt;

import java.util.HexFormat;

/** A 48-bit Ethernet address, held in the low 48 bits of {@code bits}. Text form: {@code 02:42:ac:11:00:02}. */
public record MacAddress(long bits) {
  private static final long MASK = 0xffff_ffff_ffffL;

  public MacAddress {
    if ((bits & ~MASK) != 0) {
      throw new IllegalArgumentException("MAC address wider than 48 bits: 0x" + Long.toHexString(bits));
    }
  }

  /** Parses {@code aa:bb:cc:dd:ee:ff} (case-insensitive). */
  public static MacAddress parse(String text) {
    String[] parts = text == null ? new String[0] : text.split(":", -1);
    if (parts.length != 6) {
      throw new IllegalArgumentException("invalid MAC address \"" + text + "\": expected six hex bytes separated by ':'");
    }
    long bits = 0;
    for (String part : parts) {
      if (part.length() != 2 || Character.digit(part.charAt(0), 16) < 0 || Character.digit(part.charAt(1), 16) < 0) {
        throw new IllegalArgumentException("invalid MAC address \"" + text + "\": bad byte \"" + part + "\"");
      }
      bits = (bits << 8) | Integer.parseInt(part, 16);
    }
    return new MacAddress(bits);
  }

  /** The address of six bytes in wire order. */
  public static MacAddress of(byte[] bytes) {
    if (bytes.length != 6) {
      throw new IllegalArgumentException("a MAC address has 6 bytes, not " + bytes.length);
    }
    long bits = 0;
    for (byte b : bytes) {
      bits = (bits << 8) | Byte.toUnsignedInt(b);
    }
    return new MacAddress(bits);
  }

  /** The six bytes in wire order. */
  public byte[] bytes() {
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) (bits >>> (8 * (5 - i)));
    }
    return out;
  }

  @Override
  public String toString() {
    return HexFormat.ofDelimiter(":").formatHex(bytes());
  }
}
