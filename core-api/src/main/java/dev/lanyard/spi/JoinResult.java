package dev.lanyard.spi;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a driver reports after plumbing an endpoint into a sandbox.
 *
 * @param ipv4Gateway the default IPv4 gateway it routed the sandbox through, if any
 * @param ipv6Gateway the default IPv6 gateway, if any
 * @param environment variables a process in the container gets (e.g. legacy link variables)
 */
public record JoinResult(Optional<InetAddress> ipv4Gateway, Optional<InetAddress> ipv6Gateway, Map<String, String> environment) {
  public JoinResult {
    Objects.requireNonNull(ipv4Gateway, "ipv4Gateway");
    Objects.requireNonNull(ipv6Gateway, "ipv6Gateway");
    environment = Map.copyOf(environment);
  }

  /** Nothing routed, no variables: what {@code host} and {@code null} report. */
  public static JoinResult none() {
    return new JoinResult(Optional.empty(), Optional.empty(), Map.of());
  }
}
