package dev.lanyard.netlink.nft;

/** The packet metadata {@link MetaLoad} reads and {@link MetaSet} writes ({@code NFT_META_…}). */
public enum MetaKey {
  LEN(NfTables.NFT_META_LEN),
  PROTOCOL(NfTables.NFT_META_PROTOCOL),
  PRIORITY(NfTables.NFT_META_PRIORITY),
  MARK(NfTables.NFT_META_MARK),
  IIF(NfTables.NFT_META_IIF),
  OIF(NfTables.NFT_META_OIF),
  IIFNAME(NfTables.NFT_META_IIFNAME),
  OIFNAME(NfTables.NFT_META_OIFNAME),
  IIFTYPE(NfTables.NFT_META_IIFTYPE),
  OIFTYPE(NfTables.NFT_META_OIFTYPE),
  SKUID(NfTables.NFT_META_SKUID),
  SKGID(NfTables.NFT_META_SKGID),
  NFTRACE(NfTables.NFT_META_NFTRACE),
  NFPROTO(NfTables.NFT_META_NFPROTO),
  L4PROTO(NfTables.NFT_META_L4PROTO);

  private final int code;

  MetaKey(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static MetaKey of(int code) {
    for (MetaKey k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new IllegalArgumentException("meta key " + code + " is not supported");
  }
}
