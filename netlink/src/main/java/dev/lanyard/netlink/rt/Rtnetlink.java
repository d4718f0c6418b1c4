package dev.lanyard.netlink.rt;

/**
 * Constants of {@code <linux/rtnetlink.h>}: message types, route attributes, route types, protocols,
 * scopes, tables and next-hop flags.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/rtnetlink.h">rtnetlink.h</a>
 */
public final class Rtnetlink {
  private Rtnetlink() {}

  public static final int RTM_NEWLINK = 16;
  public static final int RTM_DELLINK = 17;
  public static final int RTM_GETLINK = 18;
  public static final int RTM_SETLINK = 19;
  public static final int RTM_NEWADDR = 20;
  public static final int RTM_DELADDR = 21;
  public static final int RTM_GETADDR = 22;
  public static final int RTM_NEWROUTE = 24;
  public static final int RTM_DELROUTE = 25;
  public static final int RTM_GETROUTE = 26;
  public static final int RTM_NEWNEIGH = 28;
  public static final int RTM_DELNEIGH = 29;
  public static final int RTM_GETNEIGH = 30;

  /** {@code struct rtmsg}: family, dst_len, src_len, tos, table, protocol, scope, type, flags (u32). */
  public static final int RTMSG_LENGTH = 12;

  public static final int RTA_DST = 1;
  public static final int RTA_SRC = 2;
  public static final int RTA_IIF = 3;
  public static final int RTA_OIF = 4;
  public static final int RTA_GATEWAY = 5;
  public static final int RTA_PRIORITY = 6;
  public static final int RTA_PREFSRC = 7;
  public static final int RTA_TABLE = 15;

  public static final int RTN_UNSPEC = 0;
  public static final int RTN_UNICAST = 1;
  public static final int RTN_LOCAL = 2;
  public static final int RTN_BROADCAST = 3;
  public static final int RTN_MULTICAST = 5;
  public static final int RTN_BLACKHOLE = 6;
  public static final int RTN_UNREACHABLE = 7;

  public static final int RTPROT_UNSPEC = 0;
  public static final int RTPROT_KERNEL = 2;
  public static final int RTPROT_BOOT = 3;
  public static final int RTPROT_STATIC = 4;

  public static final int RT_SCOPE_UNIVERSE = 0;
  public static final int RT_SCOPE_SITE = 200;
  public static final int RT_SCOPE_LINK = 253;
  public static final int RT_SCOPE_HOST = 254;
  public static final int RT_SCOPE_NOWHERE = 255;

  public static final int RT_TABLE_UNSPEC = 0;
  public static final int RT_TABLE_MAIN = 254;
  public static final int RT_TABLE_LOCAL = 255;

  /** {@code rtm_flags} / next-hop flag: the gateway is on the link even if no prefix says so. */
  public static final int RTNH_F_ONLINK = 4;
}
