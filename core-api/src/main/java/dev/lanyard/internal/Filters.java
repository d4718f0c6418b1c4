package dev.lanyard.internal;

import dev.lanyard.NetworkFilter;
import java.util.Set;

/** {@link NetworkFilter} against a stored network, with Docker's semantics for each key. */
final class Filters {
  private Filters() {}

  static boolean matches(NetworkFilter f, NetworkState n, boolean inUse) {
    return any(f.values("driver"), v -> n.driver().equals(v))
        && any(f.values("id"), v -> n.id().contains(v))
        && any(f.values("name"), v -> n.name().contains(v))
        && any(f.values("scope"), v -> n.scope().equals(v))
        && any(f.values("type"), v -> v.equals(n.predefined() ? "builtin" : "custom"))
        && all(f.values("label"), v -> label(n, v))
        && (f.dangling() == null || f.dangling() == (!inUse && !n.predefined()));
  }

  private static boolean label(NetworkState n, String filter) {
    int eq = filter.indexOf('=');
    if (eq < 0) {
      return n.labels().containsKey(filter);
    }
    return filter.substring(eq + 1).equals(n.labels().get(filter.substring(0, eq)));
  }

  private static boolean any(Set<String> values, java.util.function.Predicate<String> test) {
    return values.isEmpty() || values.stream().anyMatch(test);
  }

  /** Docker ANDs label filters: every given label must be present. */
  private static boolean all(Set<String> values, java.util.function.Predicate<String> test) {
    return values.stream().allMatch(test);
  }
}
