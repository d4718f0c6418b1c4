package dev.lanyard.netlink.nft;

import java.util.Objects;

/** {@code immediate reg 0 VERDICT}: ends the rule with a verdict (accept, drop, jump …). */
public record VerdictExpr(Verdict verdict) implements Expr {
  public VerdictExpr {
    Objects.requireNonNull(verdict, "verdict");
  }

  @Override
  public String kind() {
    return "immediate";
  }
}
