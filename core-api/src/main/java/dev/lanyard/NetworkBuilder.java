package dev.lanyard;

import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.Scope;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code docker network create} as a builder; from {@link Networks#newNetwork} or the one-liner
 * {@link Networks#create(String)}. Setters check their value at once (naming it when bad); {@link #create()}
 * consolidates subnets with their ranges, gateways and aux addresses like the Docker CLI and creates the
 * network. Not thread-safe: one builder per thread.
 *
 * <pre>{@code
 * Network iso = networks.newNetwork("isolated_nw").driver("bridge").subnet("172.25.0.0/16").create();
 * }</pre>
 */
public final class NetworkBuilder {
  /** Docker's rule for names: {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}. */
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private final String name;
  private final Function<NetworkRequest, Network> creator;
  private String driver = "bridge";
  private Scope scope;
  private String ipamDriver = "default";
  private final Map<String, String> ipamOptions = new LinkedHashMap<>();
  private final List<IpPrefix> subnets = new ArrayList<>();
  private final List<IpPrefix> ipRanges = new ArrayList<>();
  private final List<InetAddress> gateways = new ArrayList<>();
  private final Map<String, InetAddress> auxAddresses = new LinkedHashMap<>();
  private final Map<String, String> options = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private boolean internal;
  private boolean enableIpv4 = true;
  private boolean enableIpv6;
  private boolean attachable;
  private boolean ingress;
  private boolean configOnly;
  private String configFrom;

  /** Made by the controller; {@code creator} performs {@link #create()}. */
  public NetworkBuilder(String name, Function<NetworkRequest, Network> creator) {
    if (name == null || name.isEmpty()) {
      throw new InvalidParameterException("network name cannot be empty");
    }
    if (!NAME.matcher(name).matches()) {
      throw new InvalidParameterException(
          "invalid network name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    this.name = name;
    this.creator = creator;
  }

  /** {@code -d}: the network driver, default {@code bridge}. */
  public NetworkBuilder driver(String driver) {
    this.driver = nonBlank("driver", driver);
    return this;
  }

  /** {@code --scope}. */
  public NetworkBuilder scope(Scope scope) {
    this.scope = java.util.Objects.requireNonNull(scope, "scope");
    return this;
  }

  /** {@code --ipam-driver}, default {@code default}. */
  public NetworkBuilder ipamDriver(String ipamDriver) {
    this.ipamDriver = nonBlank("ipam-driver", ipamDriver);
    return this;
  }

  /** {@code --ipam-opt key=value}. */
  public NetworkBuilder ipamOption(String key, String value) {
    ipamOptions.put(nonBlank("ipam-opt", key), java.util.Objects.requireNonNull(value, "value"));
    return this;
  }

  /** {@code --subnet}; repeat for several. */
  public NetworkBuilder subnet(String cidr) {
    IpPrefix subnet = IpPrefix.parse(cidr);
    if (subnet.hasHostBits()) {
      throw new InvalidParameterException("invalid subnet " + cidr + ": it should be " + subnet.masked());
    }
    subnets.add(subnet);
    return this;
  }

  /** {@code --ip-range}: where dynamic addresses of the subnet containing it come from. */
  public NetworkBuilder ipRange(String cidr) {
    IpPrefix range = IpPrefix.parse(cidr);
    if (range.hasHostBits()) {
      throw new InvalidParameterException("invalid ip-range " + cidr + ": it should be " + range.masked());
    }
    ipRanges.add(range);
    return this;
  }

  /** {@code --gateway}: the gateway of the subnet containing it. */
  public NetworkBuilder gateway(String address) {
    gateways.add(IpPrefix.parseAddress(address));
    return this;
  }

  /** {@code --aux-address name=address}: an address reserved for another device. */
  public NetworkBuilder auxAddress(String deviceName, String address) {
    String key = nonBlank("aux-address", deviceName);
    if (auxAddresses.containsKey(key)) {
      throw new InvalidParameterException("duplicate aux-address name: " + key);
    }
    auxAddresses.put(key, IpPrefix.parseAddress(address));
    return this;
  }

  /** {@code -o key=value}: a driver option. */
  public NetworkBuilder option(String key, String value) {
    options.put(nonBlank("opt", key), java.util.Objects.requireNonNull(value, "value"));
    return this;
  }

  /** {@code --label key=value}. */
  public NetworkBuilder label(String key, String value) {
    labels.put(nonBlank("label", key), java.util.Objects.requireNonNull(value, "value"));
    return this;
  }

  /** {@code --internal}: no external access. */
  public NetworkBuilder internal() {
    this.internal = true;
    return this;
  }

  /** {@code --ipv4=false} turns IPv4 off (default on). */
  public NetworkBuilder ipv4(boolean enable) {
    this.enableIpv4 = enable;
    return this;
  }

  /** {@code --ipv6}. */
  public NetworkBuilder ipv6() {
    this.enableIpv6 = true;
    return this;
  }

  /** {@code --attachable}. */
  public NetworkBuilder attachable() {
    this.attachable = true;
    return this;
  }

  /** {@code --ingress}. */
  public NetworkBuilder ingress() {
    this.ingress = true;
    return this;
  }

  /** {@code --config-only}: a configuration other networks are made from, never connected to. */
  public NetworkBuilder configOnly() {
    this.configOnly = true;
    return this;
  }

  /** {@code --config-from}: take the IPAM configuration and options of a config-only network. */
  public NetworkBuilder configFrom(String network) {
    this.configFrom = nonBlank("config-from", network);
    return this;
  }

  /** The request this builder describes, consolidated; nothing is created. */
  public NetworkRequest request() {
    return new NetworkRequest(
        name,
        driver,
        Optional.ofNullable(scope),
        ipamDriver,
        ipamOptions,
        consolidate(),
        options,
        labels,
        internal,
        enableIpv4,
        enableIpv6,
        attachable,
        ingress,
        configOnly,
        Optional.ofNullable(configFrom));
  }

  /** Creates the network, or throws and changes nothing. */
  public Network create() {
    return creator.apply(request());
  }

  /** The one-liner's end: creates the network and connects {@code container} to it. */
  public Endpoint connect(Container container) {
    return create().connect(container);
  }

  /** Pairs ranges, gateways and aux addresses with the subnet containing each, as the Docker CLI does. */
  private List<IpamConfig> consolidate() {
    if (subnets.isEmpty() && !(ipRanges.isEmpty() && gateways.isEmpty() && auxAddresses.isEmpty())) {
      throw new InvalidParameterException("every ip-range or gateway must have a corresponding subnet");
    }
    for (int i = 0; i < subnets.size(); i++) {
      for (int j = i + 1; j < subnets.size(); j++) {
        if (subnets.get(i).overlaps(subnets.get(j))) {
          throw new InvalidParameterException("multiple overlapping subnet configuration is not supported");
        }
      }
    }
    List<IpamConfig> configs = new ArrayList<>();
    for (IpPrefix subnet : subnets) {
      IpPrefix range = null;
      for (IpPrefix candidate : ipRanges) {
        if (subnet.contains(candidate)) {
          if (range != null) {
            throw new InvalidParameterException(
                "cannot configure multiple ranges (" + candidate + ", " + range + ") on the same subnet (" + subnet + ")");
          }
          range = candidate;
        }
      }
      InetAddress gateway = null;
      for (InetAddress candidate : gateways) {
        if (subnet.contains(candidate)) {
          if (gateway != null) {
            throw new InvalidParameterException("cannot configure multiple gateways (" + candidate.getHostAddress()
                + ", " + gateway.getHostAddress() + ") for the same subnet (" + subnet + ")");
          }
          gateway = candidate;
        }
      }
      Map<String, InetAddress> aux = new LinkedHashMap<>();
      auxAddresses.forEach((device, address) -> {
        if (subnet.contains(address)) {
          aux.put(device, address);
        }
      });
      configs.add(new IpamConfig(subnet, Optional.ofNullable(range), Optional.ofNullable(gateway), aux));
    }
    for (IpPrefix range : ipRanges) {
      if (subnets.stream().noneMatch(s -> s.contains(range))) {
        throw new InvalidParameterException("no matching subnet for range " + range);
      }
    }
    for (InetAddress gateway : gateways) {
      if (subnets.stream().noneMatch(s -> s.contains(gateway))) {
        throw new InvalidParameterException("no matching subnet for gateway " + gateway.getHostAddress());
      }
    }
    auxAddresses.forEach((device, address) -> {
      if (subnets.stream().noneMatch(s -> s.contains(address))) {
        throw new InvalidParameterException("no matching subnet for aux-address " + address.getHostAddress());
      }
    });
    return configs;
  }

  private static String nonBlank(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidParameterException("invalid " + what + ": \"" + value + "\"");
    }
    return value;
  }
}
