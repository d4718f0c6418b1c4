package dev.lanyard.spi;

import java.util.List;

/**
 * What an IPAM driver learns from the controller when it is created.
 *
 * @param hostFacts          the host's on-link routes and nameservers, read when a pool is chosen
 * @param localDefaultPools  predefined pools for local-scope networks (dockerd's default-address-pools),
 *                           empty for the driver's built-in ones
 * @param globalDefaultPools predefined pools for global-scope networks, empty for the built-in ones
 * @param hostId             a stable id of this host, from which the IPv6 ULA prefix is derived
 */
public record IpamContext(
    HostFacts hostFacts, List<PoolSpec> localDefaultPools, List<PoolSpec> globalDefaultPools, String hostId) {
  public IpamContext {
    localDefaultPools = List.copyOf(localDefaultPools);
    globalDefaultPools = List.copyOf(globalDefaultPools);
  }
}
