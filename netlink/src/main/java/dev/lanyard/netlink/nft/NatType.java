package dev.lanyard.netlink.nft;

/** Which address a {@link Nat} rewrites ({@code NFT_NAT_SNAT}, {@code NFT_NAT_DNAT}). */
public enum NatType {
  SNAT(NfTables.NFT_NAT_SNAT),
  DNAT(NfTables.NFT_NAT_DNAT);

  private final int code;

  NatType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static NatType of(int code) {
    for (NatType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("nat type " + code + " is not supported");
  }
}
