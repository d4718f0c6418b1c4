package dev.lanyard.netlink.nft;

/** {@code cmp OP reg SREG DATA}: the rule stops unless the register compares true. */
public record Cmp(CmpOp op, int sreg, Bytes data) implements Expr {
  public Cmp {
    Registers.requireData(sreg);
    if (data.length() == 0 || data.length() > 16) {
      throw new IllegalArgumentException("cmp data must be 1..16 bytes: " + data);
    }
  }

  @Override
  public String kind() {
    return "cmp";
  }
}
