package dev.lanyard.spi;

import java.util.List;
import java.util.Optional;

/**
 * The view of the store inside {@link Store#write} or {@link Store#read}: reads see this transaction's own
 * writes, and no other process writes until a write transaction ends. Every {@link #put} and
 * {@link #delete} is also appended to the change log.
 */
public interface StoreTransaction {
  Optional<StoredObject> get(String kind, String id);

  List<StoredObject> list(String kind);

  void put(StoredObject object);

  /** Deletes the object; deleting one that does not exist is a no-op. */
  void delete(String kind, String id);

  /** Appends an event document to the change log, delivered to subscribers after commit. */
  void publish(String event);

  /**
   * The change-log entries after {@code sequence}, oldest first. Sequences have no gaps except where old
   * entries were trimmed: a reader that finds its next sequence missing must reload everything.
   */
  List<StoreChange> changesSince(long sequence);

  /** The sequence of the newest change-log entry, 0 for none. */
  long lastSequence();
}
