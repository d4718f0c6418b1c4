package dev.lanyard.spi;

import java.nio.file.Path;

/**
 * Opens a {@link Store}; found through {@link java.util.ServiceLoader}. The controller uses the provider
 * named by {@code Networks.builder().store(name)}, by default the built-in {@code sqlite}.
 */
public interface StoreProvider {
  String name();

  /** Opens (creating if needed) the store kept under {@code stateDirectory}. */
  Store open(Path stateDirectory);
}
