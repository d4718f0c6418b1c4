package dev.lanyard.netlink.nft;

/**
 * The type of a set's keys or a map's values, by nft's data type ids (which {@code nft list} uses to
 * print elements), with the length and byte order of a value.
 */
public enum DataType {
  VERDICT(1, 0, Userdata.BYTEORDER_INVALID, "verdict"),
  IPV4_ADDR(7, 4, Userdata.BYTEORDER_BIG, "ipv4_addr"),
  IPV6_ADDR(8, 16, Userdata.BYTEORDER_BIG, "ipv6_addr"),
  INET_PROTO(12, 1, Userdata.BYTEORDER_BIG, "inet_proto"),
  INET_SERVICE(13, 2, Userdata.BYTEORDER_BIG, "inet_service"),
  MARK(19, 4, Userdata.BYTEORDER_HOST, "mark"),
  IFNAME(41, Bytes.IFNAMSIZ, Userdata.BYTEORDER_HOST, "ifname");

  private final int id;
  private final int length;
  private final int byteOrder;
  private final String nftName;

  DataType(int id, int length, int byteOrder, String nftName) {
    this.id = id;
    this.length = length;
    this.byteOrder = byteOrder;
    this.nftName = nftName;
  }

  /** nft's type id, sent as NFTA_SET_KEY_TYPE / NFTA_SET_DATA_TYPE (verdicts: NFT_DATA_VERDICT). */
  public int id() {
    return id;
  }

  /** Bytes of one value (0 for verdicts, which are not stored as bytes). */
  public int length() {
    return length;
  }

  /** The name in {@code nft} syntax. */
  public String nftName() {
    return nftName;
  }

  int byteOrder() {
    return byteOrder;
  }

  /** The type with nft id {@code id} (NFT_DATA_VERDICT for verdicts). */
  public static DataType of(int id) {
    if (id == NfTables.NFT_DATA_VERDICT) {
      return VERDICT;
    }
    for (DataType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    throw new IllegalArgumentException("set data type " + id + " is not supported");
  }
}
