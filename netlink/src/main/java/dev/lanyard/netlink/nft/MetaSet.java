package dev.lanyard.netlink.nft;

/** {@code meta set KEY with reg SREG}: writes packet metadata (e.g. the mark) from a register. */
public record MetaSet(MetaKey key, int sreg) implements Expr {
  public MetaSet {
    Registers.requireData(sreg);
  }

  @Override
  public String kind() {
    return "meta";
  }
}
