package dev.lanyard.spi;

/**
 * Makes a {@link NetworkDriver}; found through {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/dev.lanyard.spi.NetworkDriverProvider}). The controller creates one driver per
 * provider name for its lifetime and closes it with itself. A provider that fails to load or to create
 * its driver is reported by name and its driver is unavailable; the others still work.
 */
public interface NetworkDriverProvider {
  /** The name users select with {@code --driver}, e.g. {@code bridge}. */
  String name();

  NetworkDriver create(DriverContext context);
}
