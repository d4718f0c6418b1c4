package dev.lanyard.netlink.rt;

/**
 * How the kernel makes a link's IPv6 link-local address ({@code IN6_ADDR_GEN_MODE_*} of if_link.h,
 * {@code ip link set … addrgenmode}). {@link #NONE} makes none, and with it no duplicate address
 * detection, no solicited-node multicast membership and no MLD reports for it; the link still takes
 * IPv6 addresses that are added to it.
 */
public enum Ipv6AddrGenMode {
  EUI64(IfLink.IN6_ADDR_GEN_MODE_EUI64),
  NONE(IfLink.IN6_ADDR_GEN_MODE_NONE),
  STABLE_PRIVACY(IfLink.IN6_ADDR_GEN_MODE_STABLE_PRIVACY),
  RANDOM(IfLink.IN6_ADDR_GEN_MODE_RANDOM);

  private final int code;

  Ipv6AddrGenMode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
