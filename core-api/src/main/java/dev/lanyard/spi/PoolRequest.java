package dev.lanyard.spi;

import dev.lanyard.net.IpPrefix;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a network asks of its IPAM driver for one subnet.
 *
 * @param scope   {@link Scope#LOCAL} or {@link Scope#GLOBAL}: which predefined pools to choose from
 * @param subnet  the subnet the user gave, or empty to choose a predefined pool
 * @param ipRange the sub-range dynamic addresses come from, or empty for the whole subnet
 * @param ipv6    the family to choose when no subnet is given
 * @param options driver options ({@code --ipam-opt}), e.g. {@link IpamDriver#SERIAL}
 */
public record PoolRequest(
    Scope scope, Optional<IpPrefix> subnet, Optional<IpPrefix> ipRange, boolean ipv6, Map<String, String> options) {
  public PoolRequest {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(subnet, "subnet");
    Objects.requireNonNull(ipRange, "ipRange");
    options = Map.copyOf(options);
  }
}
