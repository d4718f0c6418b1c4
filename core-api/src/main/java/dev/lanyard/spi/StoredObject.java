package dev.lanyard.spi;

import java.util.Objects;

/**
 * One durable object: a kind ({@code network}, {@code endpoint}, {@code container}), an id unique within
 * the kind, and the controller's JSON document of it. The store does not interpret the document.
 */
public record StoredObject(String kind, String id, String document) {
  public StoredObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
  }
}
