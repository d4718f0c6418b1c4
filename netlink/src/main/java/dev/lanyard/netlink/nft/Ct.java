package dev.lanyard.netlink.nft;

/** {@code ct load KEY => reg DREG}: copies connection-tracking data (state, status, …) into a register. */
public record Ct(CtKey key, int dreg) implements Expr {
  public Ct {
    Registers.requireData(dreg);
  }

  @Override
  public String kind() {
    return "ct";
  }
}
