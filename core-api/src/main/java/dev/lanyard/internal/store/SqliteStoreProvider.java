package dev.lanyard.internal.store;

import dev.lanyard.spi.Store;
import dev.lanyard.spi.StoreProvider;
import java.nio.file.Path;

/** The built-in local store, {@code sqlite}: see {@link SqliteStore}. */
public final class SqliteStoreProvider implements StoreProvider {
  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public Store open(Path stateDirectory) {
    return new SqliteStore(stateDirectory);
  }
}
