package dev.lanyard.spi;

import dev.lanyard.net.IpPrefix;

/**
 * One entry of dockerd's {@code default-address-pools}: {@code base} split into subnets of prefix
 * length {@code size}, e.g. 172.20.0.0/14 with size 16 gives 172.20.0.0/16 … 172.23.0.0/16.
 */
public record PoolSpec(IpPrefix base, int size) {
  public PoolSpec {
    if (base.hasHostBits() || size < base.length() || size > base.bits()) {
      throw new dev.lanyard.InvalidParameterException("invalid default address pool " + base + " with size " + size);
    }
  }
}
