package dev.lanyard.netlink.nft;

import java.util.Locale;

/** The type of a base chain: {@code filter}, {@code nat} or {@code route}. */
public enum ChainType {
  FILTER, NAT, ROUTE;

  /** The kernel's and nft's name. */
  public String nftName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ChainType of(String name) {
    for (ChainType t : values()) {
      if (t.nftName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("chain type \"" + name + "\" is not supported");
  }
}
