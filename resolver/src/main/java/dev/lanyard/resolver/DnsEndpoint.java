package dev.lanyard.resolver;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container's attachment to one network, as the resolver needs it.
 *
 * @param networkName the network's name; {@code NAME.networkName} resolves on it
 * @param networkId the network's id; endpoints with the same id share names
 * @param internal an internal network gives no way out, so it alone does not allow forwarding
 * @param defaultBridge Docker's default {@code bridge} network: no embedded DNS names there
 * @param ipv4 the endpoint's IPv4 address, if any
 * @param ipv6 the endpoint's IPv6 address, if any
 * @param aliases network-scoped aliases ({@code --network-alias}), seen by every container on this network
 * @param links link aliases of this (the linking) container: alias → target container name, resolved on
 *     this network and seen only by this container
 */
public record DnsEndpoint(
    String networkName,
    String networkId,
    boolean internal,
    boolean defaultBridge,
    Optional<Inet4Address> ipv4,
    Optional<Inet6Address> ipv6,
    List<String> aliases,
    Map<String, String> links) {

  public DnsEndpoint {
    DnsNames.requireName("network name", networkName);
    if (networkId == null || networkId.isBlank()) {
      throw new IllegalArgumentException("network id of network \"" + networkName + "\" is blank");
    }
    if (ipv4 == null || ipv6 == null) {
      throw new IllegalArgumentException("address of an endpoint on \"" + networkName + "\" is null; use Optional.empty()");
    }
    aliases = List.copyOf(aliases);
    aliases.forEach(a -> DnsNames.requireName("alias on network \"" + networkName + "\"", a));
    links = Map.copyOf(links);
    links.forEach((alias, target) -> {
      DnsNames.requireName("link alias on network \"" + networkName + "\"", alias);
      DnsNames.requireName("link target on network \"" + networkName + "\"", target);
    });
  }

  /** An endpoint on a user-defined network with an IPv4 address and nothing else. */
  public static DnsEndpoint ipv4(String networkName, String networkId, Inet4Address address) {
    return new DnsEndpoint(networkName, networkId, false, false, Optional.of(address), Optional.empty(),
        List.of(), Map.of());
  }

  public DnsEndpoint withAliases(String... names) {
    return new DnsEndpoint(networkName, networkId, internal, defaultBridge, ipv4, ipv6, List.of(names), links);
  }

  public DnsEndpoint withLinks(Map<String, String> aliasToTarget) {
    return new DnsEndpoint(networkName, networkId, internal, defaultBridge, ipv4, ipv6, aliases, aliasToTarget);
  }

  public DnsEndpoint withIpv6(Inet6Address address) {
    return new DnsEndpoint(networkName, networkId, internal, defaultBridge, ipv4, Optional.of(address), aliases, links);
  }

  public DnsEndpoint asInternal() {
    return new DnsEndpoint(networkName, networkId, true, defaultBridge, ipv4, ipv6, aliases, links);
  }

  public DnsEndpoint asDefaultBridge() {
    return new DnsEndpoint(networkName, networkId, internal, true, ipv4, ipv6, aliases, links);
  }
}
