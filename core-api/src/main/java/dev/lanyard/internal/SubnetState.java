package dev.lanyard.internal;

import dev.lanyard.net.IpPrefix;
import java.util.Map;

/** One subnet of a stored network: CIDR texts, the gateway and aux addresses reserved in it. */
record SubnetState(String subnet, String ipRange, String gateway, Map<String, String> auxiliaryAddresses) {
  SubnetState {
    auxiliaryAddresses = Map.copyOf(auxiliaryAddresses);
  }

  IpPrefix prefix() {
    return IpPrefix.parse(subnet);
  }

  boolean ipv4() {
    return prefix().isIpv4();
  }
}
