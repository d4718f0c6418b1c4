package dev.lanyard.internal;

import dev.lanyard.Event;
import java.time.Instant;
import java.util.Map;

/** An {@link Event} as written to the store's change log. */
record EventDocument(String type, String action, String id, String name, Map<String, String> attributes, long timeMillis) {
  static EventDocument of(Event e) {
    return new EventDocument(e.type().name(), e.action().name(), e.id(), e.name(), e.attributes(), e.time().toEpochMilli());
  }

  Event event() {
    return new Event(Event.Type.valueOf(type), Event.Action.valueOf(action), id, name, attributes,
        Instant.ofEpochMilli(timeMillis));
  }
}
