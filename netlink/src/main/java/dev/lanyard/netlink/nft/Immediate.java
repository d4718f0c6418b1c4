package dev.lanyard.netlink.nft;

/** {@code immediate reg DREG DATA}: loads a constant into a data register (for NAT, {@code meta set}). */
public record Immediate(int dreg, Bytes data) implements Expr {
  public Immediate {
    Registers.requireData(dreg);
    if (data.length() == 0 || data.length() > 16) {
      throw new IllegalArgumentException("immediate data must be 1..16 bytes: " + data);
    }
  }

  @Override
  public String kind() {
    return "immediate";
  }
}
