package dev.lanyard.spi;

import dev.lanyard.Networks;

/**
 * Makes a {@link NetworkService}; found through {@link java.util.ServiceLoader} in
 * {@code META-INF/services/dev.lanyard.spi.NetworkServiceProvider}. {@link #create} is called at the end
 * of {@code open}, after reconciliation, on the opening thread; a provider that throws is reported by
 * name and skipped.
 */
public interface NetworkServiceProvider {
  String name();

  NetworkService create(Networks networks, DriverContext context);
}
