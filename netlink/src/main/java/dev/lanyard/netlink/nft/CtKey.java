package dev.lanyard.netlink.nft;

/** Conntrack data a {@link Ct} loads ({@code NFT_CT_…}). */
public enum CtKey {
  STATE(NfTables.NFT_CT_STATE),
  DIRECTION(NfTables.NFT_CT_DIRECTION),
  STATUS(NfTables.NFT_CT_STATUS),
  MARK(NfTables.NFT_CT_MARK);

  private final int code;

  CtKey(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static CtKey of(int code) {
    for (CtKey k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new IllegalArgumentException("ct key " + code + " is not supported");
  }
}
