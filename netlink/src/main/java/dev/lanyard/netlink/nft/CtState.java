package dev.lanyard.netlink.nft;

/** Connection-tracking states {@code ct state} matches, with their bits. */
public enum CtState {
  INVALID(NfConntrackCommon.NF_CT_STATE_INVALID_BIT),
  ESTABLISHED(NfConntrackCommon.NF_CT_STATE_ESTABLISHED_BIT),
  RELATED(NfConntrackCommon.NF_CT_STATE_RELATED_BIT),
  NEW(NfConntrackCommon.NF_CT_STATE_NEW_BIT),
  UNTRACKED(NfConntrackCommon.NF_CT_STATE_UNTRACKED_BIT);

  private final int bit;

  CtState(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }
}
