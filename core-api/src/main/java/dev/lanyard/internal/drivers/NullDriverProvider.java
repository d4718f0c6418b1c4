package dev.lanyard.internal.drivers;

import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.NetworkDriver;
import dev.lanyard.spi.NetworkDriverProvider;

/** The built-in {@code null} driver of the predefined {@code none} network. */
public final class NullDriverProvider implements NetworkDriverProvider {
  @Override
  public String name() {
    return "null";
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    return new PassiveDriver();
  }
}
