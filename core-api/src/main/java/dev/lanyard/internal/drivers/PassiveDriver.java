package dev.lanyard.internal.drivers;

import dev.lanyard.spi.DriverCapabilities;
import dev.lanyard.spi.EndpointSpec;
import dev.lanyard.spi.JoinResult;
import dev.lanyard.spi.NetworkDriver;
import dev.lanyard.spi.NetworkSpec;
import dev.lanyard.spi.SandboxSpec;
import dev.lanyard.spi.Scope;
import java.util.Collection;

/**
 * The built-in {@code host} and {@code null} drivers: networks without addresses whose endpoints plumb
 * nothing. {@code null} is Docker's {@code none} (loopback only); {@code host} records that a container
 * uses the host's networking. Each allows only its predefined network.
 */
final class PassiveDriver implements NetworkDriver {
  private static final DriverCapabilities CAPABILITIES = new DriverCapabilities(Scope.LOCAL, false, true);

  @Override
  public DriverCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void createNetwork(NetworkSpec network) {
    // nothing in the kernel: the network is only a name in the store
  }

  @Override
  public void deleteNetwork(NetworkSpec network) {
    // nothing was made
  }

  @Override
  public JoinResult join(NetworkSpec network, EndpointSpec endpoint, SandboxSpec sandbox) {
    return JoinResult.none();
  }

  @Override
  public void leave(NetworkSpec network, EndpointSpec endpoint, SandboxSpec sandbox) {
    // nothing was plumbed
  }

  @Override
  public void removeLeaked(Collection<NetworkSpec> networks, Collection<EndpointSpec> endpoints) {
    // owns no kernel objects
  }
}
