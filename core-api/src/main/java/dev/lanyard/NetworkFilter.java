package dev.lanyard;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The filters of {@code docker network ls -f} and {@code docker network prune}: {@code driver},
 * {@code id} (all or part of the id), {@code label} ({@code key} or {@code key=value}), {@code name}
 * (all or part of the name), {@code scope}, {@code type} ({@code custom} or {@code builtin}),
 * {@code dangling} ({@code true}: no container attached). Values of one key match if any matches; keys
 * must all match. Immutable.
 *
 * <pre>{@code
 * networks.list(NetworkFilter.driver("bridge").and(NetworkFilter.label("env", "prod")));
 * }</pre>
 */
public final class NetworkFilter {
  private static final Set<String> KEYS = Set.of("driver", "id", "label", "name", "scope", "type", "dangling");

  /** Matches every network. */
  public static final NetworkFilter ALL = new NetworkFilter(Map.of());

  private final Map<String, Set<String>> values;

  private NetworkFilter(Map<String, Set<String>> values) {
    this.values = values;
  }

  /** {@code -f key=value}, checked like Docker does. */
  public static NetworkFilter of(String key, String value) {
    if (!KEYS.contains(key)) {
      throw new InvalidParameterException("invalid filter '" + key + "'");
    }
    if (value == null) {
      throw new InvalidParameterException("invalid filter '" + key + "': no value");
    }
    if (key.equals("type") && !value.equals("custom") && !value.equals("builtin")) {
      throw new InvalidParameterException("invalid filter: 'type'='" + value + "'");
    }
    if (key.equals("dangling") && parseBoolean(value) == null) {
      throw new InvalidParameterException("invalid filter 'dangling=" + value + "'");
    }
    return new NetworkFilter(Map.of(key, Set.of(value)));
  }

  /** Parses {@code key=value} as given to {@code -f}. */
  public static NetworkFilter parse(String filter) {
    int eq = filter == null ? -1 : filter.indexOf('=');
    if (eq <= 0) {
      throw new InvalidParameterException("bad format of filter (expected name=value): " + filter);
    }
    return of(filter.substring(0, eq), filter.substring(eq + 1));
  }

  public static NetworkFilter driver(String driver) {
    return of("driver", driver);
  }

  public static NetworkFilter id(String idPart) {
    return of("id", idPart);
  }

  public static NetworkFilter name(String namePart) {
    return of("name", namePart);
  }

  public static NetworkFilter label(String key) {
    return of("label", key);
  }

  public static NetworkFilter label(String key, String value) {
    return of("label", key + "=" + value);
  }

  public static NetworkFilter scope(String scope) {
    return of("scope", scope);
  }

  /** {@code custom} (user-defined) or {@code builtin} (bridge, host, none). */
  public static NetworkFilter type(String type) {
    return of("type", type);
  }

  public static NetworkFilter dangling(boolean dangling) {
    return of("dangling", Boolean.toString(dangling));
  }

  /** Both filters: values of the same key are alternatives, different keys must all match. */
  public NetworkFilter and(NetworkFilter other) {
    Map<String, Set<String>> merged = new LinkedHashMap<>();
    values.forEach((k, v) -> merged.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
    other.values.forEach((k, v) -> merged.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
    merged.replaceAll((k, v) -> Set.copyOf(v));
    if (merged.getOrDefault("dangling", Set.of()).stream().map(NetworkFilter::parseBoolean).distinct().count() > 1) {
      throw new InvalidParameterException("invalid filter 'dangling': both true and false given");
    }
    return new NetworkFilter(Map.copyOf(merged));
  }

  /** The values given for {@code key} (empty when not filtered on it). */
  public Set<String> values(String key) {
    return values.getOrDefault(key, Set.of());
  }

  /** The {@code dangling} value, if filtered on it. */
  public Boolean dangling() {
    return values("dangling").stream().map(NetworkFilter::parseBoolean).findFirst().orElse(null);
  }

  private static Boolean parseBoolean(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> Boolean.TRUE;
      case "false", "0" -> Boolean.FALSE;
      default -> null;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkFilter f && f.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "NetworkFilter" + values;
  }
}
