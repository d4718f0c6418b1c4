package dev.lanyard.netlink.rt;

import dev.lanyard.netlink.LibC;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address on a link.
 *
 * @param linkIndex the link's ifindex
 * @param address the address (host bits kept)
 * @param prefixLength 0…32 or 0…128
 * @param flags {@code IFA_F_*} ({@link IfAddr}), e.g. {@link IfAddr#IFA_F_NODAD}
 * @param scope {@code RT_SCOPE_*} ({@link Rtnetlink}); 0 (universe) for ordinary addresses
 */
public record Address(int linkIndex, InetAddress address, int prefixLength, int flags, int scope) {
  public Address {
    if (address == null) {
      throw new IllegalArgumentException("address is null");
    }
    int max = address instanceof Inet4Address ? 32 : 128;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException("invalid prefix length " + prefixLength + " for " + address.getHostAddress());
    }
    if (linkIndex <= 0) {
      throw new IllegalArgumentException("address " + address.getHostAddress() + " needs a link index, got " + linkIndex);
    }
    if (scope < 0 || scope > 255) {
      throw new IllegalArgumentException("invalid scope " + scope + " for " + address.getHostAddress());
    }
  }

  /** {@code address/prefixLength} on link {@code linkIndex}, no flags, universe scope. */
  public static Address of(int linkIndex, InetAddress address, int prefixLength) {
    return new Address(linkIndex, address, prefixLength, 0, Rtnetlink.RT_SCOPE_UNIVERSE);
  }

  /** The same address without duplicate address detection (IPv6; {@code nodad}). */
  public Address withNoDad() {
    return new Address(linkIndex, address, prefixLength, flags | IfAddr.IFA_F_NODAD, scope);
  }

  public int family() {
    return address instanceof Inet4Address ? LibC.AF_INET : LibC.AF_INET6;
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefixLength + " dev " + linkIndex;
  }
}
