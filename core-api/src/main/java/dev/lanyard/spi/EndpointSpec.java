package dev.lanyard.spi;

import dev.lanyard.net.IpPrefix;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint as a driver sees it when it joins or leaves a sandbox.
 *
 * @param id            64 hex digits
 * @param networkId     the network's id
 * @param interfaceName the name the interface gets inside the sandbox: {@code eth0}, {@code eth1}… in join order
 * @param macAddress    the MAC address chosen for it, {@code xx:xx:xx:xx:xx:xx}
 * @param ipv4          its IPv4 address with the subnet's prefix length, if the network has IPv4
 * @param ipv6          its IPv6 address with prefix length, if the network has IPv6
 * @param aliases       network-scoped aliases (DNS names) besides the container name
 * @param links         legacy links, container name → alias: given only on the predefined {@code bridge} network
 *                      (Docker's legacy links); empty elsewhere, where links are DNS aliases the driver does not see
 * @param linkLocalIps  {@code --link-local-ip} addresses
 * @param driverOptions {@code --driver-opt} key/values
 * @param ports         ports to publish, for drivers with the {@link PortPublisher} capability
 * @param gwPriority    {@code --gw-priority}: among a sandbox's endpoints the highest gives the default route
 */
public record EndpointSpec(
    String id,
    String networkId,
    String interfaceName,
    String macAddress,
    Optional<IpPrefix> ipv4,
    Optional<IpPrefix> ipv6,
    List<String> aliases,
    Map<String, String> links,
    List<IpPrefix> linkLocalIps,
    Map<String, String> driverOptions,
    List<PortMapping> ports,
    int gwPriority) {
  public EndpointSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(networkId, "networkId");
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(macAddress, "macAddress");
    Objects.requireNonNull(ipv4, "ipv4");
    Objects.requireNonNull(ipv6, "ipv6");
    aliases = List.copyOf(aliases);
    links = Map.copyOf(links);
    linkLocalIps = List.copyOf(linkLocalIps);
    driverOptions = Map.copyOf(driverOptions);
    ports = List.copyOf(ports);
  }
}
