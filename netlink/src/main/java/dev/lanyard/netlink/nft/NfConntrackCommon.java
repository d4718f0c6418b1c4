package dev.lanyard.netlink.nft;

/**
 * Constants of {@code <linux/netfilter/nf_conntrack_common.h>}: the bits {@code ct state} and
 * {@code ct status} compare against.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/netfilter/nf_conntrack_common.h">nf_conntrack_common.h</a>
 */
public final class NfConntrackCommon {
  private NfConntrackCommon() {}

  // NF_CT_STATE_BIT(ctinfo) = 1 << (ctinfo % IP_CT_IS_REPLY + 1); INVALID is bit 0, UNTRACKED bit 6
  public static final int NF_CT_STATE_INVALID_BIT = 1;
  public static final int NF_CT_STATE_ESTABLISHED_BIT = 1 << 1;
  public static final int NF_CT_STATE_RELATED_BIT = 1 << 2;
  public static final int NF_CT_STATE_NEW_BIT = 1 << 3;
  public static final int NF_CT_STATE_UNTRACKED_BIT = 1 << 6;

  public static final int IPS_EXPECTED = 1;
  public static final int IPS_SEEN_REPLY = 1 << 1;
  public static final int IPS_ASSURED = 1 << 2;
  public static final int IPS_CONFIRMED = 1 << 3;
  public static final int IPS_SRC_NAT = 1 << 4;
  public static final int IPS_DST_NAT = 1 << 5;
}
