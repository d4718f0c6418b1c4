package dev.lanyard.netlink.nft;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string compared by content: the data of {@link Cmp}, {@link Bitwise},
 * {@link Immediate} and set elements. Factories write the byte order nf_tables expects for each kind
 * of value (addresses and ports big-endian, marks and interface names as the kernel stores them).
 */
public final class Bytes {
  /** Interface names are compared over the kernel's full IFNAMSIZ buffer. */
  public static final int IFNAMSIZ = 16;

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Bytes of(byte... bytes) {
    return new Bytes(bytes.clone());
  }

  public static Bytes ofHex(String hex) {
    return new Bytes(HexFormat.of().parseHex(hex));
  }

  /** The 4 or 16 bytes of an address, network order. */
  public static Bytes address(InetAddress address) {
    return new Bytes(address.getAddress());
  }

  /** A port (or any 16-bit field of a header), big-endian. */
  public static Bytes port(int port) {
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port out of range 0..65535: " + port);
    }
    return new Bytes(new byte[] {(byte) (port >>> 8), (byte) port});
  }

  /** One byte, e.g. an IP protocol number or an nfproto. */
  public static Bytes u8(int value) {
    if (value < 0 || value > 0xff) {
      throw new IllegalArgumentException("not an 8-bit value: " + value);
    }
    return new Bytes(new byte[] {(byte) value});
  }

  /** A 32-bit value in host (little-endian on x86/arm64) order, as meta mark, ct state and ct status are. */
  public static Bytes u32Host(int value) {
    byte[] b = new byte[4];
    ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putInt(value);
    return new Bytes(b);
  }

  /** An interface name, NUL-padded to {@link #IFNAMSIZ} bytes as {@code iifname "br0"} compares. */
  public static Bytes ifname(String name) {
    byte[] raw = name.getBytes(StandardCharsets.UTF_8);
    if (raw.length == 0 || raw.length >= IFNAMSIZ) {
      throw new IllegalArgumentException("interface name must be 1.." + (IFNAMSIZ - 1) + " bytes: \"" + name + "\"");
    }
    return new Bytes(Arrays.copyOf(raw, IFNAMSIZ));
  }

  /** {@code length} zero bytes. */
  public static Bytes zeros(int length) {
    return new Bytes(new byte[length]);
  }

  /** A mask of {@code length} bytes whose first {@code prefixLength} bits are set. */
  public static Bytes prefixMask(int length, int prefixLength) {
    if (prefixLength < 0 || prefixLength > length * 8) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + length * 8);
    }
    byte[] b = new byte[length];
    for (int bit = 0; bit < prefixLength; bit++) {
      b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
    return new Bytes(b);
  }

  public int length() {
    return bytes.length;
  }

  public byte get(int index) {
    return bytes[index];
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  /** These bytes AND {@code mask} (same length). */
  public Bytes and(Bytes mask) {
    if (mask.length() != length()) {
      throw new IllegalArgumentException("mask of " + mask.length() + " bytes for a value of " + length());
    }
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (bytes[i] & mask.bytes[i]);
    }
    return new Bytes(b);
  }

  /** The first {@code count} bytes. */
  public Bytes head(int count) {
    return new Bytes(Arrays.copyOf(bytes, count));
  }

  /** This value read as a big-endian number plus one, same width; null if it was all ones. */
  Bytes incremented() {
    byte[] b = bytes.clone();
    for (int i = b.length - 1; i >= 0; i--) {
      b[i]++;
      if (b[i] != 0) {
        return new Bytes(b);
      }
    }
    return null;
  }

  /** This value minus one as a big-endian number, same width (wraps at zero). */
  Bytes decremented() {
    byte[] b = bytes.clone();
    for (int i = b.length - 1; i >= 0; i--) {
      b[i]--;
      if (b[i] != (byte) 0xff) {
        break;
      }
    }
    return new Bytes(b);
  }

  /** Unsigned big-endian order, for sorting interval set elements. */
  static int compareUnsigned(Bytes a, Bytes b) {
    return Arrays.compareUnsigned(a.bytes, b.bytes);
  }

  /** Reads an address back when the length is 4 or 16. */
  public InetAddress toAddress() {
    try {
      InetAddress a = InetAddress.getByAddress(bytes);
      if (!(a instanceof Inet4Address) && !(a instanceof Inet6Address)) {
        throw new IllegalStateException("not an address: " + this);
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalStateException("not an address: " + this, e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
