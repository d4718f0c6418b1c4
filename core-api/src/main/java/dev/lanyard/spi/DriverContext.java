package dev.lanyard.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a network driver learns from the controller when it is created.
 *
 * @param hostNamespace   the namespace every host-side object (bridges, veth host ends, rules) goes into
 * @param stateDirectory  the controller's state directory; a driver may keep files under
 *                        {@code stateDirectory/drivers/<name>}
 * @param namespacePrefix the prefix of namespace names the controller creates, for drivers that name
 *                        kernel objects of their own
 */
public record DriverContext(Path hostNamespace, Path stateDirectory, String namespacePrefix) {
  public DriverContext {
    Objects.requireNonNull(hostNamespace, "hostNamespace");
    Objects.requireNonNull(stateDirectory, "stateDirectory");
    Objects.requireNonNull(namespacePrefix, "namespacePrefix");
  }
}
