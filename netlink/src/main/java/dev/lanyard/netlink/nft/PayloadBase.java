package dev.lanyard.netlink.nft;

/** Where a {@link Payload} offset counts from ({@code NFT_PAYLOAD_…_HEADER}). */
public enum PayloadBase {
  LINK(NfTables.NFT_PAYLOAD_LL_HEADER),
  NETWORK(NfTables.NFT_PAYLOAD_NETWORK_HEADER),
  TRANSPORT(NfTables.NFT_PAYLOAD_TRANSPORT_HEADER);

  private final int code;

  PayloadBase(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static PayloadBase of(int code) {
    for (PayloadBase b : values()) {
      if (b.code == code) {
        return b;
      }
    }
    throw new IllegalArgumentException("payload base " + code + " is not supported");
  }
}
