package dev.lanyard.ipam;

import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.PoolSpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The address pools networks get when they name no subnet: Docker's built-in lists and the host's ULA. */
final class PredefinedPools {
  private PredefinedPools() {}

  /** dockerd's local-scope defaults: 31 pools (3 + 3×4 /16s, 16 /20s). */
  static final List<PoolSpec> LOCAL = List.of(
      spec("172.17.0.0/16", 16),
      spec("172.18.0.0/16", 16),
      spec("172.19.0.0/16", 16),
      spec("172.20.0.0/14", 16),
      spec("172.24.0.0/14", 16),
      spec("172.28.0.0/14", 16),
      spec("192.168.0.0/16", 20));

  /** dockerd's global-scope default: 10.0.0.0/8 in /24s. */
  static final List<PoolSpec> GLOBAL = List.of(spec("10.0.0.0/8", 24));

  private static PoolSpec spec(String base, int size) {
    return new PoolSpec(IpPrefix.parse(base), size);
  }

  /**
   * The local pools: the configured ones (dockerd's default-address-pools) or Docker's 31, plus the
   * host's ULA /48 in /64s when none of them is IPv6 (as dockerd does).
   */
  static List<PoolSpec> local(List<PoolSpec> configured, String hostId) {
    List<PoolSpec> pools = new ArrayList<>(configured.isEmpty() ? LOCAL : configured);
    if (pools.stream().allMatch(p -> p.base().isIpv4())) {
      pools.add(ula(hostId));
    }
    return pools;
  }

  static List<PoolSpec> global(List<PoolSpec> configured) {
    return configured.isEmpty() ? GLOBAL : configured;
  }

  /**
   * fdXX:XXXX:XXXX::/48 split into /64s, the 40-bit global id being the low 40 bits of the first 8 bytes
   * of SHA-256(hostId): stable for a host, different between hosts (RFC 4193 §3.2.2, as dockerd derives it).
   */
  static PoolSpec ula(String hostId) {
    byte[] sha;
    try {
      sha = MessageDigest.getInstance("SHA-256").digest(hostId.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
    byte[] address = new byte[16];
    address[0] = (byte) 0xfd;
    System.arraycopy(sha, 3, address, 1, 5);
    return new PoolSpec(IpPrefix.of(IpPrefix.fromNumber(new BigInteger(1, address), false), 48), 64);
  }

  /**
   * The pools of one family in the order they are tried: by address, and a pool overlapping an earlier
   * one dropped, so a pool is never found "full" only because a pool inside it was used (Docker does the same).
   */
  static List<PoolSpec> ordered(List<PoolSpec> pools, boolean ipv6) {
    List<PoolSpec> sorted = new ArrayList<>();
    for (PoolSpec p : pools) {
      if (p.base().isIpv4() != ipv6) {
        sorted.add(p);
      }
    }
    sorted.sort(Comparator.comparing((PoolSpec p) -> IpPrefix.toNumber(p.base().firstAddress()))
        .thenComparingInt(p -> p.base().length()));
    List<PoolSpec> kept = new ArrayList<>();
    for (PoolSpec p : sorted) {
      if (kept.isEmpty() || !kept.get(kept.size() - 1).base().overlaps(p.base())) {
        kept.add(p);
      }
    }
    return List.copyOf(kept);
  }
}
