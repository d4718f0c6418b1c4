package dev.lanyard.netlink.nft;

import java.util.Objects;

/**
 * A verdict: accept, drop, continue, return, or jump / goto a chain. Used by {@link VerdictExpr} and
 * as the data of verdict-map elements.
 */
public record Verdict(Kind kind, String chain) {
  /** Verdict codes; jump and goto carry a chain name. */
  public enum Kind {
    ACCEPT(Netfilter.NF_ACCEPT),
    DROP(Netfilter.NF_DROP),
    CONTINUE(NfTables.NFT_CONTINUE),
    RETURN(NfTables.NFT_RETURN),
    JUMP(NfTables.NFT_JUMP),
    GOTO(NfTables.NFT_GOTO);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    public static Kind of(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw new IllegalArgumentException("verdict code " + code + " is not supported");
    }
  }

  public static final Verdict ACCEPT = new Verdict(Kind.ACCEPT, null);
  public static final Verdict DROP = new Verdict(Kind.DROP, null);
  public static final Verdict CONTINUE = new Verdict(Kind.CONTINUE, null);
  public static final Verdict RETURN = new Verdict(Kind.RETURN, null);

  public Verdict {
    Objects.requireNonNull(kind, "kind");
    boolean needsChain = kind == Kind.JUMP || kind == Kind.GOTO;
    if (needsChain) {
      Names.require("chain", chain);
    } else if (chain != null) {
      throw new IllegalArgumentException("verdict " + kind + " takes no chain, got \"" + chain + "\"");
    }
  }

  public static Verdict jump(String chain) {
    return new Verdict(Kind.JUMP, chain);
  }

  public static Verdict goTo(String chain) {
    return new Verdict(Kind.GOTO, chain);
  }
}
