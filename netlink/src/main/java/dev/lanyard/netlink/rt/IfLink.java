package dev.lanyard.netlink.rt;

/**
 * Constants of {@code <linux/if_link.h>}: link attributes ({@code IFLA_*}), link-info, bridge-port,
 * vxlan and macvlan attributes, operational states; plus {@code VETH_INFO_PEER}, the one constant of
 * {@code <linux/veth.h>}, which nests inside this header's {@code IFLA_INFO_DATA}.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/if_link.h">if_link.h</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/veth.h">veth.h</a>
 */
public final class IfLink {
  private IfLink() {}

  /** {@code struct ifinfomsg}: family, pad, type (u16), index (s32), flags (u32), change (u32). */
  public static final int IFINFOMSG_LENGTH = 16;

  /** Longest interface name in bytes ({@code IFNAMSIZ} 16 less the NUL). */
  public static final int IFNAME_MAX_BYTES = 15;

  public static final int IFLA_ADDRESS = 1;
  public static final int IFLA_BROADCAST = 2;
  public static final int IFLA_IFNAME = 3;
  public static final int IFLA_MTU = 4;
  public static final int IFLA_LINK = 5;
  public static final int IFLA_MASTER = 10;
  public static final int IFLA_PROTINFO = 12;
  public static final int IFLA_OPERSTATE = 16;
  public static final int IFLA_LINKINFO = 18;
  public static final int IFLA_AF_SPEC = 26;
  public static final int IFLA_GROUP = 27;
  public static final int IFLA_NET_NS_FD = 28;
  public static final int IFLA_LINK_NETNSID = 37;

  public static final int IFLA_INFO_KIND = 1;
  public static final int IFLA_INFO_DATA = 2;

  public static final int IFLA_BRPORT_MODE = 4;

  /** In {@code IFLA_INFO_DATA} of a bridge: multicast snooping on (1) or off (0), a u8. */
  public static final int IFLA_BR_MCAST_SNOOPING = 23;

  /** In {@code IFLA_AF_SPEC}'s {@code AF_INET} nest: the IPv4 devconf values, each a u32 typed by its {@link Ipv4DevConf} index. */
  public static final int IFLA_INET_CONF = 1;

  /** In {@code IFLA_AF_SPEC}'s {@code AF_INET6} nest: the link-local address generation mode, a u8. */
  public static final int IFLA_INET6_ADDR_GEN_MODE = 8;

  public static final int IN6_ADDR_GEN_MODE_EUI64 = 0;
  public static final int IN6_ADDR_GEN_MODE_NONE = 1;
  public static final int IN6_ADDR_GEN_MODE_STABLE_PRIVACY = 2;
  public static final int IN6_ADDR_GEN_MODE_RANDOM = 3;

  public static final int IFLA_VXLAN_ID = 1;
  public static final int IFLA_VXLAN_LINK = 3;
  public static final int IFLA_VXLAN_LOCAL = 4;
  public static final int IFLA_VXLAN_LEARNING = 7;
  public static final int IFLA_VXLAN_PROXY = 11;
  public static final int IFLA_VXLAN_PORT = 15;
  public static final int IFLA_VXLAN_LOCAL6 = 17;

  public static final int IFLA_MACVLAN_MODE = 1;

  public static final int MACVLAN_MODE_PRIVATE = 1;
  public static final int MACVLAN_MODE_VEPA = 2;
  public static final int MACVLAN_MODE_BRIDGE = 4;
  public static final int MACVLAN_MODE_PASSTHRU = 8;
  public static final int MACVLAN_MODE_SOURCE = 16;

  /** {@code <linux/veth.h>}: the peer's ifinfomsg and attributes, inside IFLA_INFO_DATA. */
  public static final int VETH_INFO_PEER = 1;

  public static final int IF_OPER_UNKNOWN = 0;
  public static final int IF_OPER_NOTPRESENT = 1;
  public static final int IF_OPER_DOWN = 2;
  public static final int IF_OPER_LOWERLAYERDOWN = 3;
  public static final int IF_OPER_TESTING = 4;
  public static final int IF_OPER_DORMANT = 5;
  public static final int IF_OPER_UP = 6;
}
