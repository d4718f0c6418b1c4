package dev.lanyard.fakes;

import dev.lanyard.spi.IpamContext;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.IpamDriverProvider;

/** Registers {@link FakeIpam} as {@code default} in core-api's own tests. */
public final class FakeIpamProvider implements IpamDriverProvider {
  @Override
  public String name() {
    return "default";
  }

  @Override
  public IpamDriver create(IpamContext context) {
    return new FakeIpam();
  }
}
