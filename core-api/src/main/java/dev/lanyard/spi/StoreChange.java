package dev.lanyard.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the store's change log, in commit order.
 *
 * @param sequence increasing across all processes sharing the store
 * @param origin   the {@link Store#origin()} of the writer, so a process can skip its own changes
 * @param kind     the kind of the object changed, or {@link #EVENT} for a published event
 * @param id       the id of the object changed (empty for events)
 * @param event    the published event's document, for {@link #EVENT} entries
 */
public record StoreChange(long sequence, String origin, String kind, String id, Optional<String> event) {
  /** The kind of change-log entries that carry an event rather than name an object. */
  public static final String EVENT = "event";

  public StoreChange {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(event, "event");
  }
}
