package dev.lanyard.cli;

import dev.lanyard.fakes.FakeDriver;
import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.NetworkDriver;
import dev.lanyard.spi.NetworkDriverProvider;

/**
 * core-api's {@link FakeDriver} (addresses from IPAM, no interfaces) as driver {@code fake}: containers are
 * still real namespaces, so the DNS daemon can be tested through the CLI without the bridge driver.
 */
public final class FakeDriverProvider implements NetworkDriverProvider {
  @Override
  public String name() {
    return "fake";
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    return new FakeDriver(context);
  }
}
