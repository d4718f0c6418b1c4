package dev.lanyard.netlink.rt;

/**
 * Indexes of a link's IPv4 settings ({@code net.ipv4.conf.<link>.*}), as in {@code <linux/ip.h>}'s
 * {@code IPV4_DEVCONF_…}; set over rtnetlink with {@link RtRequest#setIpv4DevConf}.
 */
public final class Ipv4DevConf {
  /** {@code route_localnet}: packets with a loopback source or destination may be routed through the link. */
  public static final int ROUTE_LOCALNET = 26;

  private Ipv4DevConf() {}
}
