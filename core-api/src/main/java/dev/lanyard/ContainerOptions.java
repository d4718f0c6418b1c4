package dev.lanyard;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Options of {@link Networks#run(String, Consumer)}: the hostname and the first network (Docker's
 * {@code --hostname}, {@code --network} with {@code --ip}, {@code --network-alias}, {@code --link}, {@code -p}).
 * Without {@link #network}, the container joins the predefined {@code bridge} network if its driver is
 * installed, else {@code none}.
 */
public final class ContainerOptions {
  private static final Pattern HOSTNAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9.-]{0,62})");

  private String hostname;
  private String network;
  private final EndpointOptions endpoint = new EndpointOptions();

  /** {@code --hostname}; defaults to the first 12 digits of the container id, as in Docker. */
  public ContainerOptions hostname(String hostname) {
    if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
      throw new InvalidParameterException("invalid hostname format: " + hostname);
    }
    this.hostname = hostname;
    return this;
  }

  /** {@code --network NAME}: the network joined at start (by name or id). */
  public ContainerOptions network(String network) {
    return network(network, options -> {});
  }

  /** {@code --network NAME} with its endpoint options ({@code --ip}, {@code --network-alias}, …). */
  public ContainerOptions network(String network, Consumer<EndpointOptions> options) {
    if (network == null || network.isBlank()) {
      throw new InvalidParameterException("invalid network: \"" + network + "\"");
    }
    this.network = network;
    options.accept(endpoint);
    return this;
  }

  public Optional<String> hostname() {
    return Optional.ofNullable(hostname);
  }

  public Optional<String> network() {
    return Optional.ofNullable(network);
  }

  public EndpointOptions endpoint() {
    return endpoint;
  }
}
