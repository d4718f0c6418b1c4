package dev.lanyard;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A lifecycle change, as {@code docker events} reports it: network create / connect / disconnect /
 * destroy, container create / start / stop / destroy.
 *
 * @param type       what changed
 * @param action     how
 * @param id         the network's or container's id
 * @param name       its name
 * @param attributes details: for connect and disconnect {@code container} (id) and {@code containerName};
 *                   for networks {@code type} (the driver)
 * @param time       when it was committed
 */
public record Event(Type type, Action action, String id, String name, Map<String, String> attributes, Instant time) {
  public Event {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(time, "time");
  }

  public enum Type {
    NETWORK,
    CONTAINER
  }

  public enum Action {
    CREATE,
    CONNECT,
    DISCONNECT,
    DESTROY,
    START,
    STOP
  }
}
