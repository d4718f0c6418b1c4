package dev.lanyard;

import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.PortMapping;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@code docker network connect} ({@code --ip}, {@code --ip6}, {@code --alias},
 * {@code --link}, {@code --link-local-ip}, {@code --driver-opt}, {@code --gw-priority}) and of {@code docker run -p}. Each setter
 * checks its value at once and names it when it is bad. Used inside
 * {@link Network#connect(Container, java.util.function.Consumer)} and {@link ContainerOptions#network}.
 */
public final class EndpointOptions {
  private InetAddress ipv4;
  private InetAddress ipv6;
  private final List<String> aliases = new ArrayList<>();
  private final Map<String, String> links = new LinkedHashMap<>();
  private final List<IpPrefix> linkLocalIps = new ArrayList<>();
  private final Map<String, String> driverOptions = new LinkedHashMap<>();
  private final List<PortMapping> ports = new ArrayList<>();
  private int gwPriority;

  /** {@code --ip}: a static IPv4 address, kept across stop and start. */
  public EndpointOptions ip(String address) {
    InetAddress parsed = IpPrefix.parseAddress(address);
    if (!(parsed instanceof Inet4Address)) {
      throw new InvalidParameterException("invalid IPv4 address: " + address);
    }
    this.ipv4 = parsed;
    return this;
  }

  /** {@code --ip6}: a static IPv6 address. */
  public EndpointOptions ip6(String address) {
    InetAddress parsed = IpPrefix.parseAddress(address);
    if (!(parsed instanceof Inet6Address)) {
      throw new InvalidParameterException("invalid IPv6 address: " + address);
    }
    this.ipv6 = parsed;
    return this;
  }

  /** {@code --alias}: a network-scoped DNS name. */
  public EndpointOptions alias(String... names) {
    for (String name : names) {
      if (name == null || name.isBlank()) {
        throw new InvalidParameterException("invalid alias: \"" + name + "\"");
      }
      if (!aliases.contains(name)) {
        aliases.add(name);
      }
    }
    return this;
  }

  /** {@code --link container:alias}: a legacy link; {@code alias} may equal the container name. */
  public EndpointOptions link(String container, String alias) {
    if (container == null || container.isBlank() || alias == null || alias.isBlank()) {
      throw new InvalidParameterException("invalid link: \"" + container + ":" + alias + "\"");
    }
    links.put(container, alias);
    return this;
  }

  /** {@code --link container}: a legacy link under the container's own name. */
  public EndpointOptions link(String container) {
    return link(container, container);
  }

  /** {@code --link-local-ip}: an extra link-local address (169.254.0.0/16 or fe80::/10). */
  public EndpointOptions linkLocalIp(String address) {
    InetAddress parsed = IpPrefix.parseAddress(address);
    if (!parsed.isLinkLocalAddress()) {
      throw new InvalidParameterException("invalid link-local IP address: " + address);
    }
    linkLocalIps.add(IpPrefix.of(parsed, parsed instanceof Inet4Address ? 16 : 64));
    return this;
  }

  /** {@code --driver-opt key=value}. */
  public EndpointOptions driverOpt(String key, String value) {
    if (key == null || key.isBlank() || value == null) {
      throw new InvalidParameterException("invalid driver-opt: \"" + key + "=" + value + "\"");
    }
    driverOptions.put(key, value);
    return this;
  }

  /**
   * {@code --gw-priority}: the endpoint with the highest priority gives the container its default route;
   * ties go by Docker's order (dual-stack first, then network name). Default 0; negative values allowed.
   */
  public EndpointOptions gwPriority(int priority) {
    this.gwPriority = priority;
    return this;
  }

  /** {@code -p hostPort:containerPort/protocol} on the network's default host address; host port 0 picks a free one. */
  public EndpointOptions publish(int hostPort, int containerPort, String protocol) {
    return publish(new PortMapping(containerPort, protocol, "", hostPort));
  }

  /** {@code -p hostIp:hostPort:containerPort/protocol}, e.g. on {@code 127.0.0.1} or {@code ::1}. */
  public EndpointOptions publish(String hostIp, int hostPort, int containerPort, String protocol) {
    return publish(new PortMapping(containerPort, protocol, hostIp, hostPort));
  }

  /**
   * Any form of {@code -p}, ranges included: {@code new PortMapping(8000, 8010, "tcp", "", 8000, 8010)} is
   * {@code -p 8000-8010:8000-8010}; the mapping's constructor checks it.
   */
  public EndpointOptions publish(PortMapping mapping) {
    ports.add(Objects.requireNonNull(mapping, "mapping"));
    return this;
  }

  public Optional<InetAddress> ipv4() {
    return Optional.ofNullable(ipv4);
  }

  public Optional<InetAddress> ipv6() {
    return Optional.ofNullable(ipv6);
  }

  public List<String> aliases() {
    return List.copyOf(aliases);
  }

  public Map<String, String> links() {
    return Map.copyOf(links);
  }

  public List<IpPrefix> linkLocalIps() {
    return List.copyOf(linkLocalIps);
  }

  public Map<String, String> driverOptions() {
    return Map.copyOf(driverOptions);
  }

  public List<PortMapping> ports() {
    return List.copyOf(ports);
  }

  public int gwPriority() {
    return gwPriority;
  }
}
