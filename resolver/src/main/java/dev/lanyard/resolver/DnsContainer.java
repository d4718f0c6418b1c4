package dev.lanyard.resolver;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A running container the resolver serves.
 *
 * @param id the container id (hex; its first 12 characters resolve as a name)
 * @param name the container name
 * @param hostname the container's hostname (resolves as a name on its user-defined networks)
 * @param netns the container's network namespace file; its DNS server lives there
 * @param endpoints its networks, in join order: a name is answered from the first network that has it
 */
public record DnsContainer(String id, String name, String hostname, Path netns, List<DnsEndpoint> endpoints) {
  public DnsContainer {
    if (id == null || !id.matches("[0-9a-fA-F]{12,64}")) {
      throw new IllegalArgumentException("container id must be 12 to 64 hex digits: \"" + id + "\"");
    }
    DnsNames.requireName("container name", name);
    if (hostname != null && !hostname.isEmpty()) {
      DnsNames.requireName("hostname of container \"" + name + "\"", hostname);
    }
    if (netns == null) {
      throw new IllegalArgumentException("network namespace of container \"" + name + "\" is null");
    }
    endpoints = List.copyOf(endpoints);
    long distinct = endpoints.stream().map(DnsEndpoint::networkId).distinct().count();
    if (distinct != endpoints.size()) {
      throw new IllegalArgumentException("container \"" + name + "\" has two endpoints on one network");
    }
  }

  /** The 12-character short id, as {@code docker ps} shows it. */
  public String shortId() {
    return id.substring(0, 12).toLowerCase(Locale.ROOT);
  }

  /** Whether it gets the embedded server: Docker serves DNS only to containers on a user-defined network. */
  public boolean hasEmbeddedDns() {
    return endpoints.stream().anyMatch(e -> !e.defaultBridge());
  }

  /** Whether queries for other names may leave: some network of the container is not internal. */
  public boolean mayForward() {
    return endpoints.stream().anyMatch(e -> !e.internal());
  }
}
