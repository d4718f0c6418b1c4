package dev.lanyard.netlink.nft;

/**
 * {@code nat snat|dnat FAMILY addr_min reg … proto_min reg … flags …}: rewrites the source or
 * destination to the address and port held in registers (loaded before by {@link Immediate}s), as
 * {@code nft} encodes {@code dnat to 172.17.0.2:8080}. A register of 0 means "not given"; a max
 * register equal to its min is stored as 0 (a one-value range), as the kernel reads it.
 * {@code flags} are {@code NF_NAT_RANGE_…} ({@link NfNat}).
 */
public record Nat(NatType type, Family family, int regAddrMin, int regAddrMax, int regProtoMin,
    int regProtoMax, int flags) implements Expr {
  public Nat {
    if (family != Family.IP && family != Family.IP6) {
      throw new IllegalArgumentException("nat family must be ip or ip6: " + family);
    }
    // a max equal to its min says nothing more; the kernel reports a missing max that way
    regAddrMax = regAddrMax == regAddrMin ? 0 : regAddrMax;
    regProtoMax = regProtoMax == regProtoMin ? 0 : regProtoMax;
    requireExplicitFlags("nat", flags);
    optionalRegister(regAddrMin);
    optionalRegister(regAddrMax);
    optionalRegister(regProtoMin);
    optionalRegister(regProtoMax);
  }

  /** Flags the kernel derives from the registers are not given by callers (so values compare equal). */
  static void requireExplicitFlags(String kind, int flags) {
    int implied = NfNat.NF_NAT_RANGE_MAP_IPS | NfNat.NF_NAT_RANGE_PROTO_SPECIFIED;
    if ((flags & implied) != 0) {
      throw new IllegalArgumentException(kind + " flags 0x" + Integer.toHexString(flags)
          + ": MAP_IPS and PROTO_SPECIFIED follow from the registers and are not given");
    }
  }

  static void optionalRegister(int reg) {
    if (reg != 0) {
      Registers.requireData(reg);
    }
  }

  @Override
  public String kind() {
    return "nat";
  }
}
