package dev.lanyard.spi;

import java.util.Objects;

/**
 * A published port, like {@code -p 8080:80/tcp}: {@code hostPort} 0 means any free port.
 *
 * @param containerPort the port inside the container
 * @param protocol      {@code tcp}, {@code udp} or {@code sctp}
 * @param hostIp        the host address to bind, {@code 0.0.0.0} for all
 * @param hostPort      the host port, or 0 for one chosen by the driver
 */
public record PortMapping(int containerPort, String protocol, String hostIp, int hostPort) {
  public PortMapping {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(hostIp, "hostIp");
    if (containerPort < 1 || containerPort > 65535) {
      throw new dev.lanyard.InvalidParameterException("invalid containerPort: " + containerPort);
    }
    if (hostPort < 0 || hostPort > 65535) {
      throw new dev.lanyard.InvalidParameterException("invalid hostPort: " + hostPort);
    }
    if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
      throw new dev.lanyard.InvalidParameterException("invalid proto: " + protocol);
    }
  }

  /** Docker's key in {@code NetworkSettings.Ports}, e.g. {@code 80/tcp}. */
  public String key() {
    return containerPort + "/" + protocol;
  }
}
