package dev.lanyard.ipam;

import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.HostFacts;
import dev.lanyard.spi.IpamContext;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.Pool;
import dev.lanyard.spi.PoolRequest;
import dev.lanyard.spi.PoolSpec;
import dev.lanyard.spi.Scope;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helpers: drivers, requests and host facts written as text. */
final class Ipams {
  private Ipams() {}

  static IpamDriver driver() {
    return driver(HostFacts.NONE, List.of());
  }

  static IpamDriver driver(HostFacts facts, List<PoolSpec> localPools) {
    return new DefaultIpamProvider().create(new IpamContext(facts, localPools, List.of(), "lanyard-host-1"));
  }

  static PoolSpec spec(String base, int size) {
    return new PoolSpec(IpPrefix.parse(base), size);
  }

  static HostFacts facts(List<String> routes, List<String> nameservers) {
    List<IpPrefix> r = new ArrayList<>();
    routes.forEach(t -> r.add(IpPrefix.parse(t)));
    List<InetAddress> n = new ArrayList<>();
    nameservers.forEach(t -> n.add(IpPrefix.parseAddress(t)));
    return new HostFacts() {
      @Override
      public List<IpPrefix> onLinkRoutes() {
        return r;
      }

      @Override
      public List<InetAddress> nameservers() {
        return n;
      }
    };
  }

  static Pool auto(IpamDriver ipam, boolean ipv6) {
    return ipam.requestPool(new PoolRequest(Scope.LOCAL, Optional.empty(), Optional.empty(), ipv6, Map.of()));
  }

  static Pool pool(IpamDriver ipam, String subnet) {
    return pool(ipam, subnet, null, Map.of());
  }

  static Pool pool(IpamDriver ipam, String subnet, String range, Map<String, String> options) {
    return ipam.requestPool(new PoolRequest(Scope.LOCAL, Optional.of(IpPrefix.parse(subnet)),
        Optional.ofNullable(range).map(IpPrefix::parse), false, options));
  }

  static String next(IpamDriver ipam, Pool pool) {
    return ipam.requestAddress(pool.id(), null, Map.of()).getHostAddress();
  }

  static String gateway(IpamDriver ipam, Pool pool, String preferred) {
    return ipam.requestAddress(pool.id(), preferred == null ? null : ip(preferred),
        Map.of(IpamDriver.REQUEST_ADDRESS_TYPE, IpamDriver.GATEWAY)).getHostAddress();
  }

  static String take(IpamDriver ipam, Pool pool, String address) {
    return ipam.requestAddress(pool.id(), ip(address), Map.of()).getHostAddress();
  }

  static InetAddress ip(String text) {
    return IpPrefix.parseAddress(text);
  }
}
