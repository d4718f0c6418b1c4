package dev.lanyard.internal;

import java.util.List;
import java.util.Map;

/** A network as stored (JSON through Jackson). Addresses are text; see {@link SubnetState}. */
record NetworkState(
    String id,
    String name,
    String driver,
    String scope,
    long createdMillis,
    String ipamDriver,
    Map<String, String> ipamOptions,
    List<SubnetState> subnets,
    Map<String, String> options,
    Map<String, String> labels,
    boolean internal,
    boolean enableIpv4,
    boolean enableIpv6,
    boolean attachable,
    boolean ingress,
    boolean configOnly,
    String configFrom,
    boolean predefined,
    boolean userSubnets,
    Phase phase,
    String owner) {
  static final String KIND = "network";

  NetworkState {
    ipamOptions = Map.copyOf(ipamOptions);
    subnets = List.copyOf(subnets);
    options = Map.copyOf(options);
    labels = Map.copyOf(labels);
  }

  NetworkState withPhase(Phase newPhase) {
    return new NetworkState(id, name, driver, scope, createdMillis, ipamDriver, ipamOptions, subnets, options, labels,
        internal, enableIpv4, enableIpv6, attachable, ingress, configOnly, configFrom, predefined, userSubnets,
        newPhase, Owner.SELF);
  }
}
