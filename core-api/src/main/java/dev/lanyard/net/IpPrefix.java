package dev.lanyard.net;

import dev.lanyard.InvalidParameterException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.math.BigInteger;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix in CIDR notation, kept exactly as given: {@code 172.25.3.3/16} is an address
 * with its prefix length (an interface address), {@code 172.25.0.0/16} a subnet. {@link #hasHostBits}
 * tells them apart, {@link #masked} gives the subnet. Immutable.
 */
public final class IpPrefix {
  private final byte[] address;
  private final int length;

  private IpPrefix(byte[] address, int length) {
    this.address = address;
    this.length = length;
  }

  /** {@code address/length}; the length must fit the family. */
  public static IpPrefix of(InetAddress address, int length) {
    byte[] bytes = address.getAddress();
    if (length < 0 || length > bytes.length * 8) {
      throw new InvalidParameterException("invalid prefix length " + length + " for " + address.getHostAddress());
    }
    return new IpPrefix(bytes, length);
  }

  /**
   * Parses {@code a.b.c.d/n} or {@code x::y/n} (numeric only, never a host name lookup).
   *
   * @throws InvalidParameterException naming {@code cidr} when it is not a valid CIDR
   */
  public static IpPrefix parse(String cidr) {
    if (cidr == null) {
      throw new InvalidParameterException("invalid CIDR address: null");
    }
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new InvalidParameterException("invalid CIDR address: " + cidr);
    }
    byte[] bytes = parseAddressBytes(cidr.substring(0, slash), cidr);
    int length;
    try {
      String digits = cidr.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
        throw new NumberFormatException();
      }
      length = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException("invalid CIDR address: " + cidr);
    }
    if (length > bytes.length * 8) {
      throw new InvalidParameterException("invalid CIDR address: " + cidr);
    }
    return new IpPrefix(bytes, length);
  }

  /**
   * Parses a numeric IPv4 or IPv6 address, never a host name.
   *
   * @throws InvalidParameterException naming {@code text} when it is not an IP address
   */
  public static InetAddress parseAddress(String text) {
    try {
      return InetAddress.getByAddress(parseAddressBytes(text, text));
    } catch (UnknownHostException e) {
      throw new InvalidParameterException("invalid IP address: " + text);
    }
  }

  private static byte[] parseAddressBytes(String text, String whole) {
    if (text == null || text.isEmpty()) {
      throw new InvalidParameterException("invalid IP address: " + whole);
    }
    if (text.indexOf(':') >= 0) {
      if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        throw new InvalidParameterException("invalid IP address: " + whole);
      }
      try {
        // a literal with ':' never triggers a lookup
        byte[] bytes = InetAddress.getByName(text).getAddress();
        if (bytes.length != 16) {
          throw new InvalidParameterException("invalid IP address: " + whole);
        }
        return bytes;
      } catch (UnknownHostException e) {
        throw new InvalidParameterException("invalid IP address: " + whole);
      }
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new InvalidParameterException("invalid IP address: " + whole);
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
          || (p.length() > 1 && p.charAt(0) == '0')) {
        throw new InvalidParameterException("invalid IP address: " + whole);
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        throw new InvalidParameterException("invalid IP address: " + whole);
      }
      bytes[i] = (byte) v;
    }
    return bytes;
  }

  /** The address as given (host bits kept). */
  public InetAddress address() {
    return toAddress(address.clone());
  }

  /** The address bytes as given, network order (a copy). */
  public byte[] addressBytes() {
    return address.clone();
  }

  public int length() {
    return length;
  }

  public boolean isIpv4() {
    return address.length == 4;
  }

  /** Address bits: 32 or 128. */
  public int bits() {
    return address.length * 8;
  }

  /** Whether any bit after the prefix is set, i.e. this is an interface address, not a subnet. */
  public boolean hasHostBits() {
    return !Arrays.equals(address, maskBytes(address, length));
  }

  /** The subnet: host bits cleared. */
  public IpPrefix masked() {
    return new IpPrefix(maskBytes(address, length), length);
  }

  /** Whether {@code ip} (of the same family) lies in this prefix. */
  public boolean contains(InetAddress ip) {
    byte[] other = ip.getAddress();
    return other.length == address.length && samePrefix(address, other, length);
  }

  /** Whether {@code other} lies wholly inside this prefix. */
  public boolean contains(IpPrefix other) {
    return other.address.length == address.length && other.length >= length
        && samePrefix(address, other.address, length);
  }

  /** Whether the two prefixes share any address; symmetric. */
  public boolean overlaps(IpPrefix other) {
    return other.address.length == address.length
        && samePrefix(address, other.address, Math.min(length, other.length));
  }

  /** How many addresses the prefix holds: 2^(bits − length). */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(bits() - length);
  }

  /** The lowest address of the prefix (host bits cleared). */
  public InetAddress firstAddress() {
    return toAddress(maskBytes(address, length));
  }

  /** The highest address of the prefix (host bits set): the IPv4 broadcast address. */
  public InetAddress lastAddress() {
    byte[] out = maskBytes(address, length);
    for (int i = 0; i < out.length; i++) {
      int host = Math.max(0, Math.min(8, (i + 1) * 8 - length));
      out[i] = (byte) (out[i] | ((1 << host) - 1));
    }
    return toAddress(out);
  }

  /**
   * The {@code index}-th subnet of prefix length {@code subnetLength} inside this prefix, counting from 0
   * at {@link #firstAddress}: 172.20.0.0/14 with index 3 and length 16 is 172.23.0.0/16.
   *
   * @throws InvalidParameterException when the length is shorter than this prefix's or longer than the
   *     family allows, or the index is negative or past the last subnet
   */
  public IpPrefix subnet(BigInteger index, int subnetLength) {
    if (subnetLength < length || subnetLength > bits()) {
      throw new InvalidParameterException("invalid subnet length /" + subnetLength + " inside " + this);
    }
    if (index.signum() < 0 || index.bitLength() > subnetLength - length) {
      throw new InvalidParameterException("subnet index " + index + " of /" + subnetLength + " is outside " + this);
    }
    BigInteger start = toNumber(firstAddress()).add(index.shiftLeft(bits() - subnetLength));
    return new IpPrefix(numberBytes(start, address.length), subnetLength);
  }

  /** The address as an unsigned number: 32 bits for IPv4, 128 for IPv6. */
  public static BigInteger toNumber(InetAddress ip) {
    return new BigInteger(1, ip.getAddress());
  }

  /**
   * The address whose unsigned value is {@code number}.
   *
   * @throws InvalidParameterException when the number does not fit the family
   */
  public static InetAddress fromNumber(BigInteger number, boolean ipv4) {
    int length = ipv4 ? 4 : 16;
    if (number.signum() < 0 || number.bitLength() > length * 8) {
      throw new InvalidParameterException("no IPv" + (ipv4 ? 4 : 6) + " address has the value " + number);
    }
    return toAddress(numberBytes(number, length));
  }

  private static byte[] numberBytes(BigInteger number, int length) {
    byte[] raw = number.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  private static InetAddress toAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean samePrefix(byte[] a, byte[] b, int bits) {
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (b[full] & mask);
  }

  private static byte[] maskBytes(byte[] bytes, int bits) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - i * 8));
      out[i] = (byte) (out[i] & ((0xff << (8 - keep)) & 0xff));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpPrefix p && p.length == length && Arrays.equals(p.address, address);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(address) * 131 + length;
  }

  /** {@code 172.25.0.0/16}, {@code fd00::/64}: the canonical text form. */
  @Override
  public String toString() {
    InetAddress a = address();
    String host = a instanceof Inet4Address ? a.getHostAddress() : Ipv6Text.canonical(address);
    return host + "/" + length;
  }
}
