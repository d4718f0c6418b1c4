package dev.lanyard.internal;

import dev.lanyard.spi.PortMapping;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as stored. {@code ipv4}/{@code ipv6} are {@code address/length} while addresses are reserved
 * (phases JOINING, STARTING, ACTIVE, LEAVING, STOPPING), else null; {@code requested*} are the user's static addresses.
 */
record EndpointState(
    String id,
    String networkId,
    String containerId,
    String containerName,
    long order,
    String interfaceName,
    String macAddress,
    String ipv4,
    String ipv6,
    String gateway4,
    String gateway6,
    String requestedIpv4,
    String requestedIpv6,
    List<String> aliases,
    Map<String, String> links,
    List<String> linkLocalIps,
    Map<String, String> driverOptions,
    int gwPriority,
    List<PortMapping> ports,
    List<PortMapping> boundPorts,
    Map<String, String> environment,
    Phase phase,
    String owner) {
  static final String KIND = "endpoint";

  EndpointState {
    aliases = List.copyOf(aliases);
    links = Map.copyOf(links);
    linkLocalIps = List.copyOf(linkLocalIps);
    driverOptions = Map.copyOf(driverOptions);
    ports = List.copyOf(ports);
    boundPorts = List.copyOf(boundPorts);
    environment = Map.copyOf(environment);
  }

  EndpointState withPhase(Phase newPhase) {
    return new EndpointState(id, networkId, containerId, containerName, order, interfaceName, macAddress, ipv4, ipv6,
        gateway4, gateway6, requestedIpv4, requestedIpv6, aliases, links, linkLocalIps, driverOptions, gwPriority, ports,
        boundPorts, environment, newPhase, Owner.SELF);
  }

  /** Joined: the plumbing's results recorded. */
  EndpointState joined(String newGateway4, String newGateway6, List<PortMapping> bound, Map<String, String> env) {
    return new EndpointState(id, networkId, containerId, containerName, order, interfaceName, macAddress, ipv4, ipv6,
        newGateway4, newGateway6, requestedIpv4, requestedIpv6, aliases, links, linkLocalIps, driverOptions, gwPriority, ports,
        bound, env, Phase.ACTIVE, Owner.SELF);
  }

  /** With addresses reserved and an interface chosen, about to join ({@code JOINING} or {@code STARTING}). */
  EndpointState joining(Phase intent, String ifName, String mac, String newIpv4, String newIpv6) {
    return new EndpointState(id, networkId, containerId, containerName, order, ifName, mac, newIpv4, newIpv6,
        null, null, requestedIpv4, requestedIpv6, aliases, links, linkLocalIps, driverOptions, gwPriority, ports, List.of(),
        Map.of(), intent, Owner.SELF);
  }

  /** Stopped: configuration kept, addresses and plumbing gone. */
  EndpointState configured() {
    return new EndpointState(id, networkId, containerId, containerName, order, null, null, null, null, null, null,
        requestedIpv4, requestedIpv6, aliases, links, linkLocalIps, driverOptions, gwPriority, ports, List.of(), Map.of(),
        Phase.CONFIGURED, Owner.SELF);
  }
}
