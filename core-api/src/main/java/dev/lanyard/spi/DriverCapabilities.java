package dev.lanyard.spi;

import java.util.Objects;

/**
 * What kind of networks a driver makes.
 *
 * @param scope       where its networks exist
 * @param addressing  whether its networks have IPAM pools and its endpoints addresses ({@code false}
 *                    for {@code host} and {@code null}, whose networks have no subnet)
 * @param singleton   whether only the controller's predefined network of this driver may exist
 *                    ({@code host}, {@code null}); creating another is refused
 */
public record DriverCapabilities(Scope scope, boolean addressing, boolean singleton) {
  public DriverCapabilities {
    Objects.requireNonNull(scope, "scope");
  }

  /** A local driver with addresses that users may create networks of, like {@code bridge}. */
  public static DriverCapabilities localAddressed() {
    return new DriverCapabilities(Scope.LOCAL, true, false);
  }
}
