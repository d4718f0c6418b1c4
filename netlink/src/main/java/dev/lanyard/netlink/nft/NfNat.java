package dev.lanyard.netlink.nft;

/**
 * Constants of {@code <linux/netfilter/nf_nat.h>}: NAT range flags.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/netfilter/nf_nat.h">nf_nat.h</a>
 */
public final class NfNat {
  private NfNat() {}

  public static final int NF_NAT_RANGE_MAP_IPS = 1;
  public static final int NF_NAT_RANGE_PROTO_SPECIFIED = 1 << 1;
  public static final int NF_NAT_RANGE_PROTO_RANDOM = 1 << 2;
  public static final int NF_NAT_RANGE_PERSISTENT = 1 << 3;
  public static final int NF_NAT_RANGE_PROTO_RANDOM_FULLY = 1 << 4;
}
