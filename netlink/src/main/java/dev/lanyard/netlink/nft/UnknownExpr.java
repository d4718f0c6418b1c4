package dev.lanyard.netlink.nft;

/**
 * An expression this package does not model, read back from the kernel: its type name and the raw
 * bytes of its {@code NFTA_EXPR_DATA}, sent back unchanged if the rule is written again.
 */
public record UnknownExpr(String kind, Bytes data) implements Expr {
  public UnknownExpr {
    Names.require("expression", kind);
  }
}
