package dev.lanyard.fakes;

import dev.lanyard.spi.DriverCapabilities;
import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.EndpointSpec;
import dev.lanyard.spi.JoinResult;
import dev.lanyard.spi.NetworkDriver;
import dev.lanyard.spi.NetworkDriverProvider;
import dev.lanyard.spi.NetworkSpec;
import dev.lanyard.spi.SandboxSpec;
import java.util.Collection;

/** {@code noop}: an addressed driver that does nothing, so benchmarks measure the controller and store alone. */
public final class NoopDriverProvider implements NetworkDriverProvider {
  @Override
  public String name() {
    return "noop";
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    return new NetworkDriver() {
      @Override
      public DriverCapabilities capabilities() {
        return DriverCapabilities.localAddressed();
      }

      @Override
      public void createNetwork(NetworkSpec network) {}

      @Override
      public void deleteNetwork(NetworkSpec network) {}

      @Override
      public JoinResult join(NetworkSpec network, EndpointSpec endpoint, SandboxSpec sandbox) {
        return JoinResult.none();
      }

      @Override
      public void leave(NetworkSpec network, EndpointSpec endpoint, SandboxSpec sandbox) {}

      @Override
      public void removeLeaked(Collection<NetworkSpec> networks, Collection<EndpointSpec> endpoints) {}
    };
  }
}
