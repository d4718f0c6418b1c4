package dev.lanyard.netlink.nft;

import java.util.Objects;

/**
 * What makes a chain a base chain: its type, hook, priority and policy
 * ({@code type filter hook forward priority 0; policy drop;}).
 */
public record BaseChain(ChainType type, Hook hook, int priority, Policy policy) {
  /** What a base chain does with a packet no rule decided on. */
  public enum Policy {
    DROP, ACCEPT;

    /** {@code NF_DROP} = 0, {@code NF_ACCEPT} = 1, in this enum's order. */
    public int code() {
      return ordinal();
    }

    public static Policy of(int code) {
      if (code == Netfilter.NF_ACCEPT) {
        return ACCEPT;
      }
      if (code == Netfilter.NF_DROP) {
        return DROP;
      }
      throw new IllegalArgumentException("chain policy " + code + " is not accept or drop");
    }
  }

  public BaseChain {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(policy, "policy");
  }
}
