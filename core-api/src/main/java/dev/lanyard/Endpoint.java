package dev.lanyard;

import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.PortMapping;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One container's attachment to one network, as it was when read: an immutable snapshot.
 *
 * @param id            64 hex digits
 * @param networkId     the network's id
 * @param networkName   the network's name
 * @param containerId   the container's id
 * @param containerName the container's name
 * @param interfaceName {@code eth0}, {@code eth1}… in join order; empty while the container is stopped
 * @param macAddress    the interface's MAC address; empty while stopped
 * @param ipv4          the IPv4 address with prefix length; empty while stopped or without IPv4
 * @param ipv6          the IPv6 address with prefix length
 * @param ipv4Gateway   the gateway the driver routed through
 * @param ipv6Gateway   the IPv6 gateway
 * @param requestedIpv4 the {@code --ip} the user gave (kept across stop/start)
 * @param requestedIpv6 the {@code --ip6} the user gave
 * @param aliases       network-scoped aliases
 * @param links         legacy links: container name → alias
 * @param linkLocalIps  {@code --link-local-ip} addresses
 * @param driverOptions {@code --driver-opt} values
 * @param gwPriority    {@code --gw-priority}
 * @param ports         published ports as bound
 * @param active        whether the endpoint exists in the kernel (its container is running)
 */
public record Endpoint(
    String id,
    String networkId,
    String networkName,
    String containerId,
    String containerName,
    Optional<String> interfaceName,
    Optional<String> macAddress,
    Optional<IpPrefix> ipv4,
    Optional<IpPrefix> ipv6,
    Optional<InetAddress> ipv4Gateway,
    Optional<InetAddress> ipv6Gateway,
    Optional<InetAddress> requestedIpv4,
    Optional<InetAddress> requestedIpv6,
    List<String> aliases,
    Map<String, String> links,
    List<IpPrefix> linkLocalIps,
    Map<String, String> driverOptions,
    int gwPriority,
    List<PortMapping> ports,
    boolean active) {
  public Endpoint {
    Objects.requireNonNull(id, "id");
    aliases = List.copyOf(aliases);
    links = Map.copyOf(links);
    linkLocalIps = List.copyOf(linkLocalIps);
    driverOptions = Map.copyOf(driverOptions);
    ports = List.copyOf(ports);
  }
}
