package dev.lanyard.netlink.nft;

/**
 * Constants of {@code <linux/netfilter.h>}: verdicts, protocol families and the inet hooks.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/netfilter.h">netfilter.h</a>
 */
public final class Netfilter {
  private Netfilter() {}

  public static final int NF_DROP = 0;
  public static final int NF_ACCEPT = 1;

  public static final int NF_INET_PRE_ROUTING = 0;
  public static final int NF_INET_LOCAL_IN = 1;
  public static final int NF_INET_FORWARD = 2;
  public static final int NF_INET_LOCAL_OUT = 3;
  public static final int NF_INET_POST_ROUTING = 4;

  public static final int NFPROTO_UNSPEC = 0;
  public static final int NFPROTO_INET = 1;
  public static final int NFPROTO_IPV4 = 2;
  public static final int NFPROTO_ARP = 3;
  public static final int NFPROTO_NETDEV = 5;
  public static final int NFPROTO_BRIDGE = 7;
  public static final int NFPROTO_IPV6 = 10;
}
