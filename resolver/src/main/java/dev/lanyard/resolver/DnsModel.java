package dev.lanyard.resolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Everything the resolver serves: the running containers and their endpoints. Immutable; hand a new
 * one to {@link Resolver#update} on every change.
 */
public record DnsModel(List<DnsContainer> containers) {
  public static final DnsModel EMPTY = new DnsModel(List.of());

  public DnsModel {
    containers = List.copyOf(containers);
    Admission admission = new Admission();
    containers.forEach(admission::check);
  }

  /**
   * A model of those {@code candidates} that fit together, in their order; each one that does not (a
   * second container with a name or served namespace already taken) is handed to {@code rejected} with
   * the reason, as the constructor would have thrown it.
   */
  public static DnsModel admitting(Iterable<DnsContainer> candidates,
      BiConsumer<DnsContainer, IllegalArgumentException> rejected) {
    Admission admission = new Admission();
    List<DnsContainer> admitted = new ArrayList<>();
    for (DnsContainer c : candidates) {
      try {
        admission.check(c);
        admitted.add(c);
      } catch (IllegalArgumentException e) {
        rejected.accept(c, e);
      }
    }
    return new DnsModel(admitted);
  }

  /** The rules between containers of one model; {@link #check} admits a container or changes nothing. */
  private static final class Admission {
    private final Set<String> ids = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    private final Set<Path> namespaces = new HashSet<>();

    void check(DnsContainer c) {
      String id = c.id().toLowerCase(Locale.ROOT);
      String name = c.name().toLowerCase(Locale.ROOT);
      if (ids.contains(id)) {
        throw new IllegalArgumentException("container id \"" + c.id() + "\" appears twice");
      }
      if (names.contains(name)) {
        throw new IllegalArgumentException("container name \"" + c.name() + "\" appears twice");
      }
      if (c.hasEmbeddedDns() && namespaces.contains(c.netns())) {
        throw new IllegalArgumentException("network namespace " + c.netns() + " of container \"" + c.name()
            + "\" is served for another container too; list a shared sandbox once");
      }
      ids.add(id);
      names.add(name);
      if (c.hasEmbeddedDns()) {
        namespaces.add(c.netns());
      }
    }
  }

  public static DnsModel of(DnsContainer... containers) {
    return new DnsModel(List.of(containers));
  }
}
