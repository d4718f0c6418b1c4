package dev.lanyard.netlink.nft;

/** The address family of a table, with the name {@code nft} prints for it. */
public enum Family {
  INET(Netfilter.NFPROTO_INET, "inet"),
  IP(Netfilter.NFPROTO_IPV4, "ip"),
  IP6(Netfilter.NFPROTO_IPV6, "ip6"),
  BRIDGE(Netfilter.NFPROTO_BRIDGE, "bridge"),
  NETDEV(Netfilter.NFPROTO_NETDEV, "netdev"),
  ARP(Netfilter.NFPROTO_ARP, "arp");

  private final int code;
  private final String nftName;

  Family(int code, String nftName) {
    this.code = code;
    this.nftName = nftName;
  }

  /** The {@code NFPROTO_…} value. */
  public int code() {
    return code;
  }

  /** The name in {@code nft} syntax ({@code inet}, {@code ip}, …). */
  public String nftName() {
    return nftName;
  }

  public static Family of(int code) {
    for (Family f : values()) {
      if (f.code == code) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown nf_tables family " + code);
  }
}
