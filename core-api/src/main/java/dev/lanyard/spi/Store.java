package dev.lanyard.spi;

import java.util.function.Function;

/**
 * The durable truth of a controller: objects by kind and id, and a change log. Several processes may open
 * stores on one location at once; {@link #write} transactions are serialised across all of them.
 * Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {
  /** A value unique to this open store, written with every change it makes. */
  String origin();

  /**
   * Runs {@code work} in one exclusive write transaction and commits, or rolls back if it throws (and
   * rethrows). Waits for other writers; gives up with an {@link dev.lanyard.UnavailableException} after
   * the store's busy timeout.
   */
  <T> T write(Function<StoreTransaction, T> work);

  /** Runs {@code work} on a consistent read-only snapshot; its {@code put}, {@code delete}, {@code publish} throw. */
  <T> T read(Function<StoreTransaction, T> work);

  /**
   * Whether anything may have been committed through another connection since the last call (a cheap check,
   * e.g. SQLite's {@code PRAGMA data_version}). A false positive is allowed, a false negative is not.
   */
  boolean changedByOthers();

  @Override
  void close();
}
