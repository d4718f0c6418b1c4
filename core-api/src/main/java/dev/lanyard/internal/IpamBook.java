package dev.lanyard.internal;

import dev.lanyard.InvalidParameterException;
import dev.lanyard.IpamConfig;
import dev.lanyard.NetworkException;
import dev.lanyard.NotFoundException;
import dev.lanyard.UnavailableException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.IpamContext;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.IpamDriverProvider;
import dev.lanyard.spi.Pool;
import dev.lanyard.spi.PoolRequest;
import dev.lanyard.spi.PoolStatus;
import dev.lanyard.spi.Scope;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This process's IPAM drivers and what it has reserved in them. IPAM drivers keep their state in memory,
 * so every process mirrors the store into its own drivers: pools of every stored network and addresses of
 * every endpoint holding some, whoever made them. Because the mirror is brought up to date at the start of
 * every write transaction (which excludes other writers), an allocation never collides with another
 * process's. Thread-safe (synchronised).
 */
final class IpamBook {
  private final Providers<IpamDriverProvider> providers;
  private final IpamContext context;
  private final Map<String, IpamDriver> drivers = new HashMap<>();
  private final Map<String, List<String>> poolsByNetwork = new HashMap<>();
  private final Map<String, String> driverByNetwork = new HashMap<>();
  private final Map<String, List<Reservation>> byEndpoint = new HashMap<>();

  record Reservation(String networkId, String poolId, InetAddress address) {}

  IpamBook(Providers<IpamDriverProvider> providers, IpamContext context) {
    this.providers = providers;
    this.context = context;
  }

  synchronized IpamDriver driver(String name) {
    IpamDriver driver = drivers.get(name);
    if (driver == null) {
      IpamDriverProvider provider = providers.byName.get(name);
      if (provider == null) {
        // the daemon's plugin lookup error (an IPAM driver is a plugin there)
        throw new NotFoundException("plugin \"" + name + "\" not found" + providers.brokenNote());
      }
      driver = provider.create(context);
      drivers.put(name, driver);
    }
    return driver;
  }

  synchronized boolean has(String driverName) {
    return providers.byName.containsKey(driverName);
  }

  /**
   * Reserves pools, gateways and aux addresses for a new network; returns its subnets in the order of
   * {@code configs} (IPv4 first), or releases what it took and throws.
   */
  synchronized List<SubnetState> allocateNetwork(String networkId, String ipamDriver, Map<String, String> options,
      Scope scope, List<IpamConfig> configs, boolean ipv4, boolean ipv6) {
    IpamDriver driver = driver(ipamDriver);
    List<String> pools = new ArrayList<>();
    List<SubnetState> subnets = new ArrayList<>();
    try {
      for (boolean v6 : new boolean[] {false, true}) {
        if (v6 ? !ipv6 : !ipv4) {
          continue;
        }
        List<IpamConfig> family = configs.stream().filter(c -> c.subnet().isIpv4() != v6).toList();
        if (family.isEmpty()) {
          Pool pool = driver.requestPool(new PoolRequest(scope, Optional.empty(), Optional.empty(), v6, options));
          pools.add(pool.id());
          subnets.add(reserveExtras(driver, pool, Optional.empty(), Map.of()));
        }
        for (IpamConfig c : family) {
          Pool pool = driver.requestPool(new PoolRequest(scope, Optional.of(c.subnet()), c.ipRange(), v6, options));
          pools.add(pool.id());
          subnets.add(reserveExtras(driver, pool, c.gateway(), c.auxiliaryAddresses()));
        }
      }
    } catch (RuntimeException e) {
      for (String pool : pools) {
        try {
          driver.releasePool(pool);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
    poolsByNetwork.put(networkId, pools);
    driverByNetwork.put(networkId, ipamDriver);
    return subnets;
  }

  private static SubnetState reserveExtras(
      IpamDriver driver, Pool pool, Optional<InetAddress> gateway, Map<String, InetAddress> aux) {
    InetAddress gw = driver.requestAddress(
        pool.id(), gateway.orElse(null), Map.of(IpamDriver.REQUEST_ADDRESS_TYPE, IpamDriver.GATEWAY));
    Map<String, String> auxText = new LinkedHashMap<>();
    for (Map.Entry<String, InetAddress> a : aux.entrySet()) {
      driver.requestAddress(pool.id(), a.getValue(), Map.of());
      auxText.put(a.getKey(), a.getValue().getHostAddress());
    }
    return new SubnetState(pool.subnet().toString(), pool.ipRange().map(IpPrefix::toString).orElse(null),
        gw == null ? null : gw.getHostAddress(), auxText); // the null driver hands out no gateway
  }

  /** Mirrors a stored network (made by another process, or found at open); a no-op if already mirrored. */
  synchronized void mirrorNetwork(NetworkState n) {
    if (poolsByNetwork.containsKey(n.id()) || n.subnets().isEmpty() || n.configOnly()) {
      return;
    }
    IpamDriver driver = driver(n.ipamDriver());
    List<String> pools = new ArrayList<>();
    for (SubnetState s : n.subnets()) {
      Optional<IpPrefix> range = Optional.ofNullable(s.ipRange()).map(IpPrefix::parse);
      Pool pool = driver.requestPool(
          new PoolRequest(Scope.LOCAL, Optional.of(s.prefix()), range, !s.ipv4(), n.ipamOptions()));
      pools.add(pool.id());
      if (s.gateway() != null) {
        driver.requestAddress(pool.id(), IpPrefix.parseAddress(s.gateway()),
            Map.of(IpamDriver.REQUEST_ADDRESS_TYPE, IpamDriver.GATEWAY));
      }
      for (String aux : s.auxiliaryAddresses().values()) {
        driver.requestAddress(pool.id(), IpPrefix.parseAddress(aux), Map.of());
      }
    }
    poolsByNetwork.put(n.id(), pools);
    driverByNetwork.put(n.id(), n.ipamDriver());
  }

  /** Releases the network's pools (with every address in them). */
  synchronized void releaseNetwork(String networkId) {
    List<String> pools = poolsByNetwork.remove(networkId);
    String driverName = driverByNetwork.remove(networkId);
    byEndpoint.values().removeIf(rs -> !rs.isEmpty() && rs.get(0).networkId().equals(networkId));
    if (pools == null) {
      return;
    }
    IpamDriver driver = driver(driverName);
    for (String pool : pools) {
      driver.releasePool(pool);
    }
  }

  /**
   * Reserves the endpoint's addresses: the requested ones, else one from the first pool of the family with
   * room. Returns them as {@code address/length} (null for a family the network lacks).
   */
  synchronized String[] allocateEndpoint(NetworkState n, String endpointId, InetAddress wanted4, InetAddress wanted6) {
    List<Reservation> made = new ArrayList<>();
    String[] out = new String[2];
    try {
      for (int f = 0; f < 2; f++) {
        boolean v6 = f == 1;
        InetAddress wanted = v6 ? wanted6 : wanted4;
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < n.subnets().size(); i++) {
          SubnetState s = n.subnets().get(i);
          if (s.ipv4() != v6 && (wanted == null || s.prefix().contains(wanted))) {
            candidates.add(i);
          }
        }
        if (candidates.isEmpty()) {
          if (wanted != null) {
            throw new InvalidParameterException(
                "no configured subnet or ip-range contain the IP address " + wanted.getHostAddress());
          }
          continue;
        }
        RuntimeException last = null;
        for (int i : candidates) {
          String pool = poolsByNetwork.get(n.id()).get(i);
          try {
            InetAddress a = driver(n.ipamDriver()).requestAddress(pool, wanted, Map.of());
            made.add(new Reservation(n.id(), pool, a));
            out[f] = a.getHostAddress() + "/" + n.subnets().get(i).prefix().length();
            last = null;
            break;
          } catch (UnavailableException e) {
            last = e;
          }
        }
        if (last != null) {
          throw last;
        }
      }
    } catch (RuntimeException e) {
      release(n.ipamDriver(), made, e);
      throw e;
    }
    byEndpoint.put(endpointId, made);
    return out;
  }

  /** Mirrors a stored endpoint's addresses; a no-op when they are already reserved for it. */
  synchronized void mirrorEndpoint(EndpointState e, NetworkState n) {
    List<InetAddress> wanted = new ArrayList<>();
    for (String cidr : new String[] {e.ipv4(), e.ipv6()}) {
      if (cidr != null) {
        wanted.add(IpPrefix.parse(cidr).address());
      }
    }
    List<Reservation> have = byEndpoint.getOrDefault(e.id(), List.of());
    if (have.stream().map(Reservation::address).toList().equals(wanted)) {
      return;
    }
    releaseEndpoint(e.id());
    if (wanted.isEmpty() || n == null || !poolsByNetwork.containsKey(n.id())) {
      return;
    }
    List<Reservation> made = new ArrayList<>();
    for (InetAddress a : wanted) {
      for (int i = 0; i < n.subnets().size(); i++) {
        if (n.subnets().get(i).prefix().contains(a)) {
          String pool = poolsByNetwork.get(n.id()).get(i);
          driver(n.ipamDriver()).requestAddress(pool, a, Map.of());
          made.add(new Reservation(n.id(), pool, a));
          break;
        }
      }
    }
    byEndpoint.put(e.id(), made);
  }

  synchronized void releaseEndpoint(String endpointId) {
    List<Reservation> made = byEndpoint.remove(endpointId);
    if (made == null || made.isEmpty()) {
      return;
    }
    String driverName = driverByNetwork.get(made.get(0).networkId());
    if (driverName == null) {
      return; // the network's pools, and with them these addresses, are already released
    }
    NetworkException failure = new NetworkException("release addresses of endpoint " + endpointId);
    release(driverName, made, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  private void release(String driverName, List<Reservation> made, Throwable collector) {
    for (Reservation r : made) {
      try {
        driver(driverName).releaseAddress(r.poolId(), r.address());
      } catch (RuntimeException cleanup) {
        collector.addSuppressed(cleanup);
      }
    }
  }

  synchronized Optional<PoolStatus> status(String networkId, int subnetIndex) {
    List<String> pools = poolsByNetwork.get(networkId);
    if (pools == null || subnetIndex >= pools.size()) {
      return Optional.empty();
    }
    return Optional.of(driver(driverByNetwork.get(networkId)).status(pools.get(subnetIndex)));
  }
}
