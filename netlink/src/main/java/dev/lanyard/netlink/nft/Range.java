package dev.lanyard.netlink.nft;

/** {@code range eq|neq reg SREG FROM TO}: the register lies (or lies not) within FROM..TO, inclusive. */
public record Range(boolean negated, int sreg, Bytes from, Bytes to) implements Expr {
  public Range {
    Registers.requireData(sreg);
    if (from.length() != to.length() || from.length() == 0 || from.length() > 16) {
      throw new IllegalArgumentException("range bounds " + from + " and " + to + " must have the same length, 1..16 bytes");
    }
  }

  @Override
  public String kind() {
    return "range";
  }
}
