package dev.lanyard.netlink.nft;

/**
 * {@code redir proto_min reg …}: destination NAT to the local host, optionally to the port in a
 * register (0 means "not given"); {@code flags} are {@code NF_NAT_RANGE_…} ({@link NfNat}).
 */
public record Redirect(int regProtoMin, int regProtoMax, int flags) implements Expr {
  public Redirect {
    regProtoMax = regProtoMax == regProtoMin ? 0 : regProtoMax;
    Nat.requireExplicitFlags("redirect", flags);
    Nat.optionalRegister(regProtoMin);
    Nat.optionalRegister(regProtoMax);
  }

  @Override
  public String kind() {
    return "redir";
  }
}
