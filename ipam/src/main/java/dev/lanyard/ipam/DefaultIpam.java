package dev.lanyard.ipam;

import dev.lanyard.InvalidParameterException;
import dev.lanyard.NotFoundException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.HostFacts;
import dev.lanyard.spi.IpamContext;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.Pool;
import dev.lanyard.spi.PoolRequest;
import dev.lanyard.spi.PoolStatus;
import dev.lanyard.spi.Scope;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Docker's default IPAM driver, in memory: the controller replays its networks' pools and addresses at
 * open (see ARCHITECTURE.md). Pool ids have Docker's form, {@code LocalDefault/172.17.0.0/16} or, with an
 * ip-range, {@code LocalDefault/172.28.0.0/16/172.28.5.0/24}.
 *
 * <p>Threads: pool requests and releases are serialised on one lock; address calls lock only their pool.
 */
final class DefaultIpam implements IpamDriver {
  private static final String LOCAL_SPACE = "LocalDefault";
  private static final String GLOBAL_SPACE = "GlobalDefault";

  private record Allocation(AddressSpace space, AddressPool pool) {}

  private final HostFacts hostFacts;
  private final AddressSpace local4;
  private final AddressSpace local6;
  private final AddressSpace global4;
  private final AddressSpace global6;
  private final Object poolLock = new Object();
  private final Map<String, Allocation> pools = new ConcurrentHashMap<>();

  DefaultIpam(IpamContext context) {
    this.hostFacts = Objects.requireNonNull(context.hostFacts(), "hostFacts");
    String hostId = Objects.requireNonNull(context.hostId(), "hostId");
    var local = PredefinedPools.local(context.localDefaultPools(), hostId);
    var global = PredefinedPools.global(context.globalDefaultPools());
    local4 = new AddressSpace(LOCAL_SPACE, false, local);
    local6 = new AddressSpace(LOCAL_SPACE, true, local);
    global4 = new AddressSpace(GLOBAL_SPACE, false, global);
    global6 = new AddressSpace(GLOBAL_SPACE, true, global);
  }

  @Override
  public Pool requestPool(PoolRequest request) {
    Optional<IpPrefix> subnet = request.subnet();
    Optional<IpPrefix> ipRange = request.ipRange();
    // Docker: a subnet with the unspecified address (0.0.0.0/24, ::/80) asks for a predefined pool of that size
    boolean sizeOnly = subnet.isPresent() && isUnspecified(subnet.get());
    boolean ipv6 = subnet.map(s -> !s.isIpv4()).orElse(request.ipv6());
    AddressSpace space = space(request.scope(), ipv6);
    boolean serial = "true".equals(request.options().get(SERIAL));
    if (subnet.isEmpty() || sizeOnly) {
      ipRange.ifPresent(r -> {
        throw new InvalidParameterException("invalid ip-range " + r + ": an ip-range needs a subnet");
      });
    } else {
      validate(subnet.get(), ipRange);
    }
    synchronized (poolLock) {
      IpPrefix chosen;
      if (subnet.isEmpty() || sizeOnly) {
        chosen = space.choose(hostExclusions(ipv6), sizeOnly ? subnet.get().length() : 0);
      } else {
        chosen = subnet.get();
        space.checkFree(chosen);
      }
      String id = space.name() + "/" + chosen + ipRange.map(r -> "/" + r).orElse("");
      AddressPool pool = new AddressPool(chosen, ipRange, serial);
      space.add(chosen);
      pools.put(id, new Allocation(space, pool));
      return new Pool(id, chosen, ipRange);
    }
  }

  private static void validate(IpPrefix subnet, Optional<IpPrefix> ipRange) {
    if (subnet.hasHostBits()) {
      throw new InvalidParameterException("invalid subnet " + subnet + ": it should be " + subnet.masked());
    }
    if (ipRange.isEmpty()) {
      return;
    }
    IpPrefix range = ipRange.get();
    if (range.isIpv4() != subnet.isIpv4()) {
      throw new InvalidParameterException("invalid ip-range " + range + ": parent subnet is an IPv"
          + (subnet.isIpv4() ? 4 : 6) + " block");
    }
    if (range.length() < subnet.length()) {
      throw new InvalidParameterException(
          "invalid ip-range " + range + ": CIDR block is bigger than its parent subnet " + subnet);
    }
    if (range.hasHostBits()) {
      throw new InvalidParameterException("invalid ip-range " + range + ": it should be " + range.masked());
    }
    if (!subnet.contains(range)) {
      throw new InvalidParameterException(
          "invalid ip-range " + range + ": parent subnet " + subnet + " doesn't contain ip-range");
    }
  }

  private static boolean isUnspecified(IpPrefix prefix) {
    for (byte b : prefix.addressBytes()) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The host's on-link routes and nameservers of the family: an automatically chosen pool avoids them. */
  private List<IpPrefix> hostExclusions(boolean ipv6) {
    List<IpPrefix> excluded = new ArrayList<>();
    for (IpPrefix route : hostFacts.onLinkRoutes()) {
      if (route.isIpv4() != ipv6) {
        excluded.add(route.masked());
      }
    }
    for (InetAddress nameserver : hostFacts.nameservers()) {
      IpPrefix host = IpPrefix.of(nameserver, nameserver.getAddress().length * 8);
      if (host.isIpv4() != ipv6) {
        excluded.add(host);
      }
    }
    return excluded;
  }

  private AddressSpace space(Scope scope, boolean ipv6) {
    return switch (scope) {
      case LOCAL -> ipv6 ? local6 : local4;
      case GLOBAL, SWARM -> ipv6 ? global6 : global4;
    };
  }

  @Override
  public void releasePool(String poolId) {
    synchronized (poolLock) {
      Allocation allocation = pools.remove(poolId);
      if (allocation == null) {
        throw unknownPool(poolId);
      }
      allocation.space().remove(allocation.pool().subnet());
    }
  }

  @Override
  public InetAddress requestAddress(String poolId, InetAddress preferred, Map<String, String> options) {
    AddressPool pool = pool(poolId);
    boolean gateway = options != null && GATEWAY.equals(options.get(REQUEST_ADDRESS_TYPE));
    boolean serial = options != null && "true".equals(options.get(SERIAL));
    synchronized (pool) {
      return pool.request(preferred, gateway, serial);
    }
  }

  @Override
  public void releaseAddress(String poolId, InetAddress address) {
    AddressPool pool = pool(poolId);
    synchronized (pool) {
      pool.release(address);
    }
  }

  @Override
  public PoolStatus status(String poolId) {
    AddressPool pool = pool(poolId);
    synchronized (pool) {
      return pool.status();
    }
  }

  private AddressPool pool(String poolId) {
    Allocation allocation = pools.get(poolId);
    if (allocation == null) {
      throw unknownPool(poolId);
    }
    return allocation.pool();
  }

  private static NotFoundException unknownPool(String poolId) {
    return new NotFoundException("cannot find address pool for poolID: " + poolId);
  }
}
