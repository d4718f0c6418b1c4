package dev.lanyard.spi;

import dev.lanyard.net.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One network as a driver sees it: immutable, complete, with the pools IPAM gave it.
 *
 * @param id       64 hex digits
 * @param name     the user's name
 * @param options  driver options ({@code -o}), e.g. {@code com.docker.network.bridge.name}
 * @param ipv4     the IPv4 subnets with their gateways
 * @param ipv6     the IPv6 subnets with their gateways (empty unless IPv6 is enabled)
 * @param internal {@code --internal}: no route out of the network
 * @param labels   user labels
 */
public record NetworkSpec(
    String id,
    String name,
    Map<String, String> options,
    List<Subnet> ipv4,
    List<Subnet> ipv6,
    boolean internal,
    Map<String, String> labels) {
  public NetworkSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    options = Map.copyOf(options);
    ipv4 = List.copyOf(ipv4);
    ipv6 = List.copyOf(ipv6);
    labels = Map.copyOf(labels);
  }

  /** A subnet of the network with the gateway address IPAM reserved in it (if any). */
  public record Subnet(IpPrefix subnet, Optional<InetAddress> gateway) {
    public Subnet {
      Objects.requireNonNull(subnet, "subnet");
      Objects.requireNonNull(gateway, "gateway");
    }
  }
}
