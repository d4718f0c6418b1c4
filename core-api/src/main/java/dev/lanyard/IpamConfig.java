package dev.lanyard;

import dev.lanyard.net.IpPrefix;
import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One subnet of a network: {@code --subnet} with the {@code --ip-range}, {@code --gateway} and
 * {@code --aux-address} values that belong to it. Immutable.
 *
 * @param subnet             the subnet (no host bits)
 * @param ipRange            the sub-range dynamic addresses come from
 * @param gateway            the gateway address, if given or chosen
 * @param auxiliaryAddresses addresses reserved for other devices, by name
 */
public record IpamConfig(
    IpPrefix subnet, Optional<IpPrefix> ipRange, Optional<InetAddress> gateway, Map<String, InetAddress> auxiliaryAddresses) {
  public IpamConfig {
    Objects.requireNonNull(subnet, "subnet");
    Objects.requireNonNull(ipRange, "ipRange");
    Objects.requireNonNull(gateway, "gateway");
    auxiliaryAddresses = Map.copyOf(auxiliaryAddresses);
  }
}
