package dev.lanyard.fakes;

import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.NetworkDriver;
import dev.lanyard.spi.NetworkDriverProvider;

/** A provider whose driver cannot start: the registry must report it by name and keep the others. */
public final class BrokenDriverProvider implements NetworkDriverProvider {
  @Override
  public String name() {
    return "broken";
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    throw new IllegalStateException("broken on purpose");
  }
}
