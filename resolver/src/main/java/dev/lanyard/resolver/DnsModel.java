package dev.lanyard.resolver;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything the resolver serves: the running containers and their endpoints. Immutable; hand a new
 * one to {@link Resolver#update} on every change.
 */
public record DnsModel(List<DnsContainer> containers) {
  public static final DnsModel EMPTY = new DnsModel(List.of());

  public DnsModel {
    containers = List.copyOf(containers);
    Set<String> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    Set<Path> namespaces = new HashSet<>();
    for (DnsContainer c : containers) {
      if (!ids.add(c.id().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("container id \"" + c.id() + "\" appears twice");
      }
      if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("container name \"" + c.name() + "\" appears twice");
      }
      if (c.hasEmbeddedDns() && !namespaces.add(c.netns())) {
        throw new IllegalArgumentException("network namespace " + c.netns() + " of container \"" + c.name()
            + "\" is served for another container too; list a shared sandbox once");
      }
    }
  }

  public static DnsModel of(DnsContainer... containers) {
    return new DnsModel(List.of(containers));
  }
}
