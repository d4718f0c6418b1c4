package dev.lanyard.fakes;

import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.NetworkDriver;
import dev.lanyard.spi.NetworkDriverProvider;

/** {@link FakeDriver} under the name {@code bridge}, so the predefined bridge network exists in tests. */
public final class FakeBridgeProvider implements NetworkDriverProvider {
  @Override
  public String name() {
    return "bridge";
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    return new FakeDriver(context);
  }
}
