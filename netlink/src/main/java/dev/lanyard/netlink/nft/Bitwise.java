package dev.lanyard.netlink.nft;

/** {@code bitwise reg DREG = (reg SREG & MASK) ^ XOR}: masks a register, e.g. for a prefix match. */
public record Bitwise(int sreg, int dreg, Bytes mask, Bytes xor) implements Expr {
  public Bitwise {
    Registers.requireData(sreg);
    Registers.requireData(dreg);
    if (mask.length() != xor.length() || mask.length() == 0 || mask.length() > 16) {
      throw new IllegalArgumentException("bitwise mask " + mask + " and xor " + xor
          + " must have the same length, 1..16 bytes");
    }
  }

  /** The number of bytes operated on. */
  public int length() {
    return mask.length();
  }

  @Override
  public String kind() {
    return "bitwise";
  }
}
