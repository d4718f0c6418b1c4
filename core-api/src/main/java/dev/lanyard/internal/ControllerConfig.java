package dev.lanyard.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** A controller's settings, from {@link dev.lanyard.Networks.Builder}. */
public record ControllerConfig(
    Path stateDirectory, Path hostNamespace, String namespacePrefix, String store, Map<String, String> defaultBridgeOptions) {
  public ControllerConfig {
    defaultBridgeOptions = Map.copyOf(defaultBridgeOptions);
    Objects.requireNonNull(stateDirectory, "stateDirectory");
    Objects.requireNonNull(hostNamespace, "hostNamespace");
    Objects.requireNonNull(namespacePrefix, "namespacePrefix");
    Objects.requireNonNull(store, "store");
  }
}
