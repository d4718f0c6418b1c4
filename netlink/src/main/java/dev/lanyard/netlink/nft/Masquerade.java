package dev.lanyard.netlink.nft;

/**
 * {@code masq}: source NAT to the address of the outgoing interface. Port registers of 0 mean "not
 * given"; {@code flags} are {@code NF_NAT_RANGE_…} ({@link NfNat}).
 */
public record Masquerade(int flags, int regProtoMin, int regProtoMax) implements Expr {
  public Masquerade {
    regProtoMax = regProtoMax == regProtoMin ? 0 : regProtoMax;
    Nat.requireExplicitFlags("masquerade", flags);
    Nat.optionalRegister(regProtoMin);
    Nat.optionalRegister(regProtoMax);
  }

  /** Plain {@code masquerade}. */
  public static Masquerade plain() {
    return new Masquerade(0, 0, 0);
  }

  @Override
  public String kind() {
    return "masq";
  }
}
