package dev.lanyard.netlink.nft;

import java.util.Locale;

/**
 * The netfilter hook a base chain is attached to ({@code NF_INET_…}; the bridge family's hooks have
 * the same numbers).
 */
public enum Hook {
  PREROUTING(Netfilter.NF_INET_PRE_ROUTING),
  INPUT(Netfilter.NF_INET_LOCAL_IN),
  FORWARD(Netfilter.NF_INET_FORWARD),
  OUTPUT(Netfilter.NF_INET_LOCAL_OUT),
  POSTROUTING(Netfilter.NF_INET_POST_ROUTING);

  private final int code;

  Hook(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The name in {@code nft} syntax. */
  public String nftName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Hook of(int code) {
    for (Hook h : values()) {
      if (h.code == code) {
        return h;
      }
    }
    throw new IllegalArgumentException("hook " + code + " is not an inet hook");
  }
}
