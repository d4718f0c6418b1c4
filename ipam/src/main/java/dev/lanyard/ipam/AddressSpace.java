package dev.lanyard.ipam;

import dev.lanyard.ConflictException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.UnavailableException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.PoolSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pools of one scope and family (Docker's address spaces LocalDefault and GlobalDefault, each per
 * family): which subnets are taken, and the choice of a predefined one. Overlap policy: no two pools of
 * a space share an address, whether chosen or requested, with or without an ip-range. Not
 * thread-safe: {@link DefaultIpam} holds its pool lock.
 */
final class AddressSpace {
  private final String name;
  private final boolean ipv6;
  private final List<PoolSpec> predefined;
  private final List<IpPrefix> allocated = new ArrayList<>();

  AddressSpace(String name, boolean ipv6, List<PoolSpec> pools) {
    this.name = name;
    this.ipv6 = ipv6;
    this.predefined = PredefinedPools.ordered(pools, ipv6);
  }

  String name() {
    return name;
  }

  /** Fails when {@code subnet} shares an address with a pool of this space. */
  void checkFree(IpPrefix subnet) {
    for (IpPrefix taken : allocated) {
      if (taken.overlaps(subnet)) {
        throw new ConflictException(
            "Pool overlaps with other one on this address space: " + subnet + " overlaps " + taken);
      }
    }
  }

  void add(IpPrefix subnet) {
    allocated.add(subnet);
  }

  void remove(IpPrefix subnet) {
    allocated.remove(subnet);
  }

  /**
   * The lowest subnet of the predefined pools (tried in address order) that overlaps no pool of this
   * space and none of {@code excluded}.
   *
   * @param length the prefix length wanted, or 0 for each predefined pool's own size
   */
  IpPrefix choose(List<IpPrefix> excluded, int length) {
    boolean fits = false;
    for (PoolSpec spec : predefined) {
      IpPrefix base = spec.base();
      int size = length == 0 ? spec.size() : length;
      if (size < base.length() || size > base.bits()) {
        continue;
      }
      fits = true;
      BigInteger index = lowestFreeIndex(base, size, excluded);
      if (index != null) {
        return base.subnet(index, size);
      }
    }
    if (!fits) {
      throw new InvalidParameterException("invalid address pool: no predefined " + family() + " pool of "
          + name + " can hold a /" + length);
    }
    throw new UnavailableException(
        "all predefined address pools have been fully subnetted (" + name + ", " + family() + ")");
  }

  private String family() {
    return ipv6 ? "IPv6" : "IPv4";
  }

  /**
   * Index of the first /size subnet of {@code base} that nothing taken overlaps, or null. Each taken
   * prefix blocks the run of subnet indexes it touches; walking the runs in order finds the first gap.
   */
  private BigInteger lowestFreeIndex(IpPrefix base, int size, List<IpPrefix> excluded) {
    BigInteger baseFirst = IpPrefix.toNumber(base.firstAddress());
    BigInteger baseLast = IpPrefix.toNumber(base.lastAddress());
    int shift = base.bits() - size;
    List<BigInteger[]> blocked = new ArrayList<>();
    for (List<IpPrefix> list : List.of(allocated, excluded)) {
      for (IpPrefix taken : list) {
        if (!taken.overlaps(base)) {
          continue;
        }
        BigInteger first = IpPrefix.toNumber(taken.firstAddress()).max(baseFirst).subtract(baseFirst);
        BigInteger last = IpPrefix.toNumber(taken.lastAddress()).min(baseLast).subtract(baseFirst);
        blocked.add(new BigInteger[] {first.shiftRight(shift), last.shiftRight(shift)});
      }
    }
    blocked.sort(Comparator.comparing((BigInteger[] run) -> run[0]));
    BigInteger candidate = BigInteger.ZERO;
    for (BigInteger[] run : blocked) {
      if (run[0].compareTo(candidate) > 0) {
        break;
      }
      candidate = candidate.max(run[1].add(BigInteger.ONE));
    }
    return candidate.compareTo(BigInteger.ONE.shiftLeft(size - base.length())) < 0 ? candidate : null;
  }
}
