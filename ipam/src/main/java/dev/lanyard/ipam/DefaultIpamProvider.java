package dev.lanyard.ipam;

import dev.lanyard.spi.IpamContext;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.IpamDriverProvider;

/**
 * The {@code default} IPAM driver: Docker's built-in address management. Found by the controller
 * through {@link java.util.ServiceLoader}; usable on its own too:
 *
 * <pre>{@code
 * IpamDriver ipam = new DefaultIpamProvider().create(
 *     new IpamContext(HostFacts.NONE, List.of(), List.of(), "host-1"));
 * Pool pool = ipam.requestPool(new PoolRequest(Scope.LOCAL, Optional.empty(), Optional.empty(), false, Map.of()));
 * // pool.subnet() is 172.17.0.0/16, the first of Docker's 31 local pools
 * InetAddress gateway = ipam.requestAddress(pool.id(), null, Map.of(IpamDriver.REQUEST_ADDRESS_TYPE, IpamDriver.GATEWAY));  // 172.17.0.1
 * InetAddress first = ipam.requestAddress(pool.id(), null, Map.of());   // 172.17.0.2, then 172.17.0.3
 * }</pre>
 *
 * <p>Pools: Docker's 31 local defaults (or the context's), 10.0.0.0/8 in /24s for global scope, and an
 * IPv6 ULA /48 derived from the host id in /64s. The driver keeps its state in memory and is thread-safe;
 * it never touches the kernel or any namespace (host routes and nameservers come through
 * {@link dev.lanyard.spi.HostFacts}).
 */
public final class DefaultIpamProvider implements IpamDriverProvider {
  @Override
  public String name() {
    return "default";
  }

  @Override
  public IpamDriver create(IpamContext context) {
    return new DefaultIpam(context);
  }
}
