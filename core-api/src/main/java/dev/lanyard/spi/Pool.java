package dev.lanyard.spi;

import dev.lanyard.net.IpPrefix;
import java.util.Objects;
import java.util.Optional;

/** A reserved pool: its id (for later calls), its subnet and the range dynamic addresses come from. */
public record Pool(String id, IpPrefix subnet, Optional<IpPrefix> ipRange) {
  public Pool {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subnet, "subnet");
    Objects.requireNonNull(ipRange, "ipRange");
  }
}
