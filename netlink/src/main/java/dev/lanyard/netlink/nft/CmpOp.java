package dev.lanyard.netlink.nft;

/** The comparison of a {@link Cmp} ({@code NFT_CMP_…}). */
public enum CmpOp {
  EQ, NEQ, LT, LTE, GT, GTE;

  /** The kernel's value; the enum follows {@code enum nft_cmp_ops} in order. */
  public int code() {
    return ordinal();
  }

  public static CmpOp of(int code) {
    if (code < 0 || code >= values().length) {
      throw new IllegalArgumentException("cmp op " + code + " is not supported");
    }
    return values()[code];
  }
}
