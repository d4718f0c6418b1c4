package dev.lanyard;

import dev.lanyard.spi.Scope;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code docker network create} can say, validated for form by {@link NetworkBuilder}; the
 * controller checks it against the existing state. Immutable.
 *
 * @param name        the network's name
 * @param driver      {@code -d}
 * @param scope       {@code --scope}; empty for the driver's own
 * @param ipamDriver  {@code --ipam-driver}
 * @param ipamOptions {@code --ipam-opt}
 * @param ipamConfigs {@code --subnet} / {@code --ip-range} / {@code --gateway} / {@code --aux-address}
 * @param options     {@code -o}
 * @param labels      {@code --label}
 * @param internal    {@code --internal}
 * @param enableIpv4  {@code --ipv4} (default true)
 * @param enableIpv6  {@code --ipv6}
 * @param attachable  {@code --attachable}
 * @param ingress     {@code --ingress}
 * @param configOnly  {@code --config-only}
 * @param configFrom  {@code --config-from}
 */
public record NetworkRequest(
    String name,
    String driver,
    Optional<Scope> scope,
    String ipamDriver,
    Map<String, String> ipamOptions,
    List<IpamConfig> ipamConfigs,
    Map<String, String> options,
    Map<String, String> labels,
    boolean internal,
    boolean enableIpv4,
    boolean enableIpv6,
    boolean attachable,
    boolean ingress,
    boolean configOnly,
    Optional<String> configFrom) {
  public NetworkRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(ipamDriver, "ipamDriver");
    ipamOptions = Map.copyOf(ipamOptions);
    ipamConfigs = List.copyOf(ipamConfigs);
    options = Map.copyOf(options);
    labels = Map.copyOf(labels);
    Objects.requireNonNull(configFrom, "configFrom");
  }
}
