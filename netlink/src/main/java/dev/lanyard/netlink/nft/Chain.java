package dev.lanyard.netlink.nft;

import java.util.Objects;
import java.util.Optional;

/**
 * A chain of a table: a regular chain (jumped to from rules) or, with {@link BaseChain}, a base chain
 * attached to a hook. {@code handle} is the kernel's, 0 for one not yet added.
 */
public record Chain(Family family, String table, String name, Optional<BaseChain> base, long handle) {
  public Chain {
    Objects.requireNonNull(family, "family");
    Names.require("table", table);
    Names.require("chain", name);
    Objects.requireNonNull(base, "base");
    if (base.isPresent() && (family == Family.NETDEV || family == Family.ARP)) {
      throw new IllegalArgumentException("chain " + name + ": base chains of family " + family.nftName()
          + " (device or arp hooks) are not supported");
    }
  }

  /** A regular chain. */
  public static Chain regular(Family family, String table, String name) {
    return new Chain(family, table, name, Optional.empty(), 0);
  }

  /** A base chain: {@code type TYPE hook HOOK priority PRIORITY; policy POLICY;}. */
  public static Chain base(Family family, String table, String name, ChainType type, Hook hook, int priority,
      BaseChain.Policy policy) {
    return new Chain(family, table, name, Optional.of(new BaseChain(type, hook, priority, policy)), 0);
  }

  /** This chain with another kernel handle (0 to compare a listed chain with one built). */
  public Chain withHandle(long newHandle) {
    return new Chain(family, table, name, base, newHandle);
  }

  @Override
  public String toString() {
    return "chain " + family.nftName() + " " + table + " " + name;
  }
}
