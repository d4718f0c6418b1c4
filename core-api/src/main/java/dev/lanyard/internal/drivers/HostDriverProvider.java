package dev.lanyard.internal.drivers;

import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.NetworkDriver;
import dev.lanyard.spi.NetworkDriverProvider;

/** The built-in {@code host} driver. */
public final class HostDriverProvider implements NetworkDriverProvider {
  @Override
  public String name() {
    return "host";
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    return new PassiveDriver();
  }
}
