package dev.lanyard.ipam;

import dev.lanyard.InvalidParameterException;
import dev.lanyard.NotFoundException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.Pool;
import dev.lanyard.spi.PoolRequest;
import dev.lanyard.spi.PoolStatus;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's null IPAM driver: every network gets the pool 0.0.0.0/0 (or ::/0) and no addresses, for
 * networks whose driver assigns none (e.g. {@code --ipam-driver null} with the null network driver).
 * Stateless, so thread-safe.
 */
final class NullIpam implements IpamDriver {
  private static final Pool IPV4 = new Pool("null/0.0.0.0/0", IpPrefix.parse("0.0.0.0/0"), Optional.empty());
  private static final Pool IPV6 = new Pool("null/::/0", IpPrefix.parse("::/0"), Optional.empty());

  @Override
  public Pool requestPool(PoolRequest request) {
    if (request.subnet().isPresent()) {
      throw new InvalidParameterException(
          "null ipam driver does not handle specific address pool requests: " + request.subnet().get());
    }
    if (request.ipRange().isPresent()) {
      throw new InvalidParameterException(
          "null ipam driver does not handle specific address subpool requests: " + request.ipRange().get());
    }
    return request.ipv6() ? IPV6 : IPV4;
  }

  @Override
  public void releasePool(String poolId) {
    check(poolId);
  }

  /** Always null: the null driver hands out no addresses. */
  @Override
  public InetAddress requestAddress(String poolId, InetAddress preferred, Map<String, String> options) {
    check(poolId);
    return null;
  }

  @Override
  public void releaseAddress(String poolId, InetAddress address) {
    check(poolId);
  }

  @Override
  public PoolStatus status(String poolId) {
    check(poolId);
    return new PoolStatus(BigInteger.ZERO, BigInteger.ZERO);
  }

  private static void check(String poolId) {
    if (!IPV4.id().equals(poolId) && !IPV6.id().equals(poolId)) {
      throw new NotFoundException("unknown pool id: " + poolId);
    }
  }
}
