package dev.lanyard.spi;

import dev.lanyard.InvalidParameterException;
import dev.lanyard.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A published port or port range, like {@code -p 8080:80/tcp}, {@code -p 127.0.0.1:8000-8010:8000-8010} or
 * {@code -p 8000-8010:80}. Requested: {@code hostPort} 0 means free ports chosen by the driver; a host range
 * with a single container port means "one free port of that range" (Docker's rule); a container range needs
 * a host range of the same length, or host port 0. As bound (what a {@link PortPublisher} returns), both
 * ranges have the same length and {@code hostIp} is the address actually used.
 *
 * @param containerPort    the (first) port inside the container
 * @param containerPortEnd the last port of a container range; equal to {@code containerPort} for one port
 * @param protocol         {@code tcp}, {@code udp} or {@code sctp}
 * @param hostIp           the host address: empty for the network's default ({@code host_binding_ipv4}, and
 *                         {@code ::} too on IPv6 networks when that default is {@code 0.0.0.0}), else an
 *                         IPv4 or IPv6 literal ({@code 0.0.0.0} and {@code ::} meaning every address of one family)
 * @param hostPort         the (first) host port, or 0 for ports chosen by the driver
 * @param hostPortEnd      the last host port of a range; equal to {@code hostPort} for one port
 */
public record PortMapping(int containerPort, int containerPortEnd, String protocol, String hostIp, int hostPort,
    int hostPortEnd) {
  public PortMapping {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(hostIp, "hostIp");
    // an end of 0 (absent from documents stored before ranges existed) means a single port
    containerPortEnd = containerPortEnd == 0 ? containerPort : containerPortEnd;
    hostPortEnd = hostPortEnd == 0 ? hostPort : hostPortEnd;
    if (containerPort < 1 || containerPortEnd > 65535 || containerPortEnd < containerPort) {
      throw new InvalidParameterException("invalid containerPort: " + range(containerPort, containerPortEnd));
    }
    if (hostPort < 0 || hostPortEnd > 65535 || hostPortEnd < hostPort || (hostPort == 0 && hostPortEnd != 0)) {
      throw new InvalidParameterException("invalid hostPort: " + range(hostPort, hostPortEnd));
    }
    if (containerPortEnd != containerPort && hostPort != 0 && hostPortEnd - hostPort != containerPortEnd - containerPort) {
      throw new InvalidParameterException("invalid ranges specified for container and host Ports: "
          + range(containerPort, containerPortEnd) + " and " + range(hostPort, hostPortEnd));
    }
    if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
      throw new InvalidParameterException("invalid proto: " + protocol);
    }
    if (!hostIp.isEmpty()) {
      IpPrefix.parseAddress(hostIp);
    }
  }

  /** One port: {@code -p [hostIp:]hostPort:containerPort/protocol}. */
  public PortMapping(int containerPort, String protocol, String hostIp, int hostPort) {
    this(containerPort, containerPort, protocol, hostIp, hostPort, hostPort);
  }

  /** Docker's key in {@code NetworkSettings.Ports} for the first port, e.g. {@code 80/tcp}. */
  public String key() {
    return containerPort + "/" + protocol;
  }

  /** The number of container ports mapped. */
  public int count() {
    return containerPortEnd - containerPort + 1;
  }

  /** A bound range as one mapping per port, as Docker lists them in {@code NetworkSettings.Ports}. */
  public List<PortMapping> singles() {
    List<PortMapping> out = new ArrayList<>(count());
    for (int i = 0; i < count(); i++) {
      out.add(new PortMapping(containerPort + i, protocol, hostIp, hostPort == 0 ? 0 : hostPort + i));
    }
    return out;
  }

  private static String range(int first, int last) {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}
