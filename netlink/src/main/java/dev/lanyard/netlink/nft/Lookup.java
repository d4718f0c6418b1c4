package dev.lanyard.netlink.nft;

/**
 * {@code lookup reg SREG set NAME [dreg DREG]}: the rule goes on only if the register is (or, when
 * {@code inverted}, is not) in the named set. With {@code dreg} 0 (the verdict register) on a verdict
 * map, the element's verdict is applied ({@code iifname vmap @m}); {@code dreg} -1 means plain set
 * membership.
 */
public record Lookup(String set, int sreg, int dreg, boolean inverted) implements Expr {
  public static final int NO_DREG = -1;

  public Lookup {
    Names.require("set", set);
    Registers.requireData(sreg);
    if (dreg != NO_DREG && dreg != NfTables.NFT_REG_VERDICT) {
      Registers.requireData(dreg);
    }
    if (inverted && dreg != NO_DREG) {
      throw new IllegalArgumentException("an inverted lookup of set " + set + " cannot map to a register");
    }
  }

  /** {@code reg in @set} (or {@code != @set}). */
  public static Lookup in(String set, int sreg, boolean inverted) {
    return new Lookup(set, sreg, NO_DREG, inverted);
  }

  /** {@code vmap @map}: the verdict of the matching element. */
  public static Lookup verdictMap(String map, int sreg) {
    return new Lookup(map, sreg, NfTables.NFT_REG_VERDICT, false);
  }

  @Override
  public String kind() {
    return "lookup";
  }
}
