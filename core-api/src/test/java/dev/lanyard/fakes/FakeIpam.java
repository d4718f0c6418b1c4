package dev.lanyard.fakes;

import dev.lanyard.ConflictException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.NotFoundException;
import dev.lanyard.UnavailableException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.Pool;
import dev.lanyard.spi.PoolRequest;
import dev.lanyard.spi.PoolStatus;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.BitSet;

/**
 * A small in-memory IPAM for tests, with Docker's rules and wording: pools must not overlap, automatic
 * IPv4 pools are 172.18.0.0/16 … 172.31.0.0/16 then 10.N.0.0/16, IPv6 ones fd00:0:0:N::/64, the gateway is
 * the first address, dynamic addresses are the lowest free of the range (network and broadcast excluded).
 */
public final class FakeIpam implements IpamDriver {
  private final Map<String, PoolState> pools = new LinkedHashMap<>();
  private int nextId;

  private static final class PoolState {
    final Pool pool;
    final BigInteger base;
    /** Offsets from the subnet's first address that are taken. */
    final BitSet used = new BitSet();

    PoolState(Pool pool) {
      this.pool = pool;
      this.base = number(pool.subnet().address());
    }

    int offset(BigInteger n) {
      return n.subtract(base).min(BigInteger.valueOf(Integer.MAX_VALUE - 1)).intValueExact();
    }

    boolean take(BigInteger n) {
      int i = offset(n);
      if (used.get(i)) {
        return false;
      }
      used.set(i);
      return true;
    }
  }

  @Override
  public synchronized Pool requestPool(PoolRequest request) {
    IpPrefix subnet = request.subnet().orElseGet(() -> choose(request.ipv6()));
    for (PoolState p : pools.values()) {
      if (p.pool.subnet().overlaps(subnet)) {
        throw new ConflictException("Pool overlaps with other one on this address space");
      }
    }
    request.ipRange().ifPresent(r -> {
      if (!subnet.contains(r)) {
        throw new InvalidParameterException("ip-range " + r + " is not in subnet " + subnet);
      }
    });
    Pool pool = new Pool("fake-" + (++nextId), subnet, request.ipRange());
    pools.put(pool.id(), new PoolState(pool));
    return pool;
  }

  private IpPrefix choose(boolean ipv6) {
    List<IpPrefix> candidates = new ArrayList<>();
    if (ipv6) {
      for (int i = 1; i < 256; i++) {
        candidates.add(IpPrefix.parse("fd00:0:0:" + Integer.toHexString(i) + "::/64"));
      }
    } else {
      for (int i = 18; i < 32; i++) {
        candidates.add(IpPrefix.parse("172." + i + ".0.0/16"));
      }
      for (int i = 0; i < 256; i++) {
        candidates.add(IpPrefix.parse("10." + i + ".0.0/16"));
      }
    }
    for (IpPrefix c : candidates) {
      if (pools.values().stream().noneMatch(p -> p.pool.subnet().overlaps(c))) {
        return c;
      }
    }
    throw new UnavailableException("all predefined address pools have been fully subnetted");
  }

  @Override
  public synchronized void releasePool(String poolId) {
    if (pools.remove(poolId) == null) {
      throw new NotFoundException("pool " + poolId + " not found");
    }
  }

  @Override
  public synchronized InetAddress requestAddress(String poolId, InetAddress preferred, Map<String, String> options) {
    PoolState p = pool(poolId);
    IpPrefix subnet = p.pool.subnet();
    BigInteger base = p.base;
    BigInteger size = BigInteger.ONE.shiftLeft(subnet.bits() - subnet.length());
    BigInteger first = base.add(BigInteger.ONE);
    BigInteger last = subnet.isIpv4() ? base.add(size).subtract(BigInteger.TWO) : base.add(size).subtract(BigInteger.ONE);
    if (preferred != null) {
      if (!subnet.contains(preferred)) {
        throw new InvalidParameterException("requested address " + preferred.getHostAddress() + " is out of range");
      }
      if (!p.take(number(preferred))) {
        throw new ConflictException("Address already in use");
      }
      return preferred;
    }
    if (IpamDriver.GATEWAY.equals(options.get(IpamDriver.REQUEST_ADDRESS_TYPE))) {
      if (!p.take(first)) {
        throw new ConflictException("Address already in use");
      }
      return address(first, subnet.isIpv4());
    }
    BigInteger from = first;
    BigInteger to = last;
    Optional<IpPrefix> range = p.pool.ipRange();
    if (range.isPresent()) {
      BigInteger rb = number(range.get().address());
      from = rb.max(first);
      to = rb.add(BigInteger.ONE.shiftLeft(range.get().bits() - range.get().length())).subtract(BigInteger.ONE).min(last);
    }
    int free = p.used.nextClearBit(p.offset(from));
    if (free <= p.offset(to)) {
      p.used.set(free);
      return address(p.base.add(BigInteger.valueOf(free)), subnet.isIpv4());
    }
    throw new UnavailableException("no available addresses on this pool");
  }

  @Override
  public synchronized void releaseAddress(String poolId, InetAddress address) {
    PoolState p = pools.get(poolId);
    if (p != null) {
      p.used.clear(p.offset(number(address)));
    }
  }

  @Override
  public synchronized PoolStatus status(String poolId) {
    PoolState p = pool(poolId);
    IpPrefix subnet = p.pool.subnet();
    IpPrefix range = p.pool.ipRange().orElse(subnet);
    BigInteger rangeSize = BigInteger.ONE.shiftLeft(range.bits() - range.length());
    int rangeStart = p.offset(number(range.address()));
    int rangeEnd = p.offset(number(range.address()).add(rangeSize));
    long usedInRange = p.used.get(rangeStart, Math.max(rangeStart, rangeEnd)).cardinality();
    BigInteger reserved = subnet.isIpv4() ? BigInteger.TWO : BigInteger.ONE;
    return new PoolStatus(BigInteger.valueOf(p.used.cardinality()).add(reserved),
        rangeSize.subtract(BigInteger.valueOf(usedInRange)).subtract(reserved).max(BigInteger.ZERO));
  }

  private PoolState pool(String poolId) {
    PoolState p = pools.get(poolId);
    if (p == null) {
      throw new NotFoundException("pool " + poolId + " not found");
    }
    return p;
  }

  private static BigInteger number(InetAddress a) {
    return new BigInteger(1, a.getAddress());
  }

  private static InetAddress address(BigInteger n, boolean ipv4) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[ipv4 ? 4 : 16];
    int copy = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
    try {
      return InetAddress.getByAddress(out);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
