package dev.lanyard.netlink.nft;

/**
 * Constants of {@code <linux/netfilter/nfnetlink.h>}: the nfnetlink header, subsystems, batch
 * messages and multicast groups.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/netfilter/nfnetlink.h">nfnetlink.h</a>
 */
public final class NfNetlink {
  private NfNetlink() {}

  /** Length of {@code struct nfgenmsg}: family (u8), version (u8), res_id (be16). */
  public static final int NFGENMSG_LENGTH = 4;
  public static final int NFNETLINK_V0 = 0;

  public static final int NFNL_SUBSYS_NFTABLES = 10;

  public static final int NFNL_MSG_BATCH_BEGIN = 0x10;
  public static final int NFNL_MSG_BATCH_END = 0x11;

  public static final int NFNL_BATCH_GENID = 1;

  public static final int NFNLGRP_NFTABLES = 7;

  /** The netlink message type of nf_tables message {@code msg} ({@code NFT_MSG_…}). */
  public static int nftablesType(int msg) {
    return (NFNL_SUBSYS_NFTABLES << 8) | msg;
  }
}
