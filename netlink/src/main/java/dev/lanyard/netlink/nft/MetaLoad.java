package dev.lanyard.netlink.nft;

/** {@code meta load KEY => reg DREG}: copies packet metadata into a register. */
public record MetaLoad(MetaKey key, int dreg) implements Expr {
  public MetaLoad {
    Registers.requireData(dreg);
  }

  @Override
  public String kind() {
    return "meta";
  }
}
