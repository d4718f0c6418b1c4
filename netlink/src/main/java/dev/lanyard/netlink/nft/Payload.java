package dev.lanyard.netlink.nft;

/** {@code payload load LEN b @ BASE + OFFSET => reg DREG}: copies packet bytes into a register. */
public record Payload(PayloadBase base, int offset, int length, int dreg) implements Expr {
  public Payload {
    if (offset < 0 || length <= 0 || length > 16) {
      throw new IllegalArgumentException("payload offset " + offset + " length " + length
          + ": offset must be >= 0 and length 1..16");
    }
    Registers.requireData(dreg);
  }

  @Override
  public String kind() {
    return "payload";
  }
}
