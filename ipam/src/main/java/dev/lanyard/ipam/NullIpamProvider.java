package dev.lanyard.ipam;

import dev.lanyard.spi.IpamContext;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.IpamDriverProvider;

/**
 * The {@code null} IPAM driver: one pool, 0.0.0.0/0 or ::/0, and no addresses, as Docker's.
 *
 * <pre>{@code
 * IpamDriver ipam = new NullIpamProvider().create(context);
 * Pool pool = ipam.requestPool(new PoolRequest(Scope.LOCAL, Optional.empty(), Optional.empty(), false, Map.of()));
 * ipam.requestAddress(pool.id(), null, Map.of());   // null: no address
 * }</pre>
 *
 * <p>Stateless and thread-safe; touches no kernel state.
 */
public final class NullIpamProvider implements IpamDriverProvider {
  @Override
  public String name() {
    return "null";
  }

  @Override
  public IpamDriver create(IpamContext context) {
    return new NullIpam();
  }
}
