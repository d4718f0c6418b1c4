package dev.lanyard.bridge;

import dev.lanyard.InvalidParameterException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.netlink.rt.LinkAttrs;
import dev.lanyard.spi.NetworkSpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A bridge network's settings, read from its {@link NetworkSpec} options with Docker's keys and defaults.
 *
 * @param networkId       the network's id
 * @param networkName     the user's name
 * @param bridgeName      the bridge device: {@code com.docker.network.bridge.name}, else {@code br-<12 of id>};
 *                        the predefined network's {@code docker0} becomes {@link #DEFAULT_BRIDGE_DEVICE}
 * @param mtu             {@code com.docker.network.driver.mtu}, 0 for the kernel's default
 * @param icc             {@code com.docker.network.bridge.enable_icc}
 * @param masquerade      {@code com.docker.network.bridge.enable_ip_masquerade}
 * @param snatSource      {@code com.docker.network.host_ipv4}: SNAT to this address instead of masquerading
 * @param hostBinding     {@code com.docker.network.bridge.host_binding_ipv4}: default host address of published ports
 * @param defaultBridge   {@code com.docker.network.bridge.default_bridge}: the predefined {@code bridge} network
 * @param interfacePrefix {@code com.docker.network.container_iface_prefix}, empty for {@code eth}
 * @param internal        {@code --internal}
 * @param ipv4            IPv4 subnets with gateways
 * @param ipv6            IPv6 subnets with gateways
 */
record BridgeConfig(String networkId, String networkName, String bridgeName, int mtu, boolean icc, boolean masquerade,
    Optional<InetAddress> snatSource, InetAddress hostBinding, boolean defaultBridge, String interfacePrefix,
    boolean internal, List<NetworkSpec.Subnet> ipv4, List<NetworkSpec.Subnet> ipv6) {

  static final String BRIDGE_NAME = "com.docker.network.bridge.name";
  static final String ENABLE_ICC = "com.docker.network.bridge.enable_icc";
  static final String ENABLE_IP_MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";
  static final String HOST_BINDING_IPV4 = "com.docker.network.bridge.host_binding_ipv4";
  static final String DEFAULT_BRIDGE = "com.docker.network.bridge.default_bridge";
  static final String MTU = "com.docker.network.driver.mtu";
  static final String HOST_IPV4 = "com.docker.network.host_ipv4";
  static final String CONTAINER_IFACE_PREFIX = "com.docker.network.container_iface_prefix";

  /** The predefined network's device: not Docker's {@code docker0}, so both can run on one host. */
  static final String DEFAULT_BRIDGE_DEVICE = "lanyard0";

  /** Reads and checks the options; a bad value is an {@link InvalidParameterException} naming it. */
  static BridgeConfig of(NetworkSpec spec) {
    var o = spec.options();
    boolean defaultBridge = bool(o.get(DEFAULT_BRIDGE), DEFAULT_BRIDGE, false);
    String name = o.get(BRIDGE_NAME);
    if (defaultBridge && (name == null || name.equals("docker0"))) {
      name = DEFAULT_BRIDGE_DEVICE;
    } else if (name == null || name.isEmpty()) {
      name = "br-" + spec.id().substring(0, 12);
    }
    try {
      LinkAttrs.requireValidName(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("invalid " + BRIDGE_NAME + " \"" + name + "\": " + e.getMessage());
    }
    int mtu = 0;
    String mtuText = o.get(MTU);
    if (mtuText != null && !mtuText.isEmpty()) {
      try {
        mtu = Integer.parseInt(mtuText);
      } catch (NumberFormatException e) {
        throw new InvalidParameterException("invalid " + MTU + " \"" + mtuText + "\": not a number");
      }
      // the kernel's bounds for an Ethernet device (ETH_MIN_MTU; IP_MAX_MTU)
      if (mtu < 68 || mtu > 65535) {
        throw new InvalidParameterException("invalid " + MTU + " " + mtu + ": the MTU must be between 68 and 65535");
      }
    }
    Optional<InetAddress> snat = Optional.ofNullable(o.get(HOST_IPV4)).filter(s -> !s.isEmpty())
        .map(s -> ipv4(s, HOST_IPV4));
    InetAddress binding = ipv4(o.getOrDefault(HOST_BINDING_IPV4, "0.0.0.0"), HOST_BINDING_IPV4);
    String prefix = o.getOrDefault(CONTAINER_IFACE_PREFIX, "");
    if (!prefix.isEmpty()) {
      try {
        LinkAttrs.requireValidName(prefix + "0");
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("invalid " + CONTAINER_IFACE_PREFIX + " \"" + prefix + "\": " + e.getMessage());
      }
    }
    return new BridgeConfig(spec.id(), spec.name(), name, mtu,
        bool(o.get(ENABLE_ICC), ENABLE_ICC, true), bool(o.get(ENABLE_IP_MASQUERADE), ENABLE_IP_MASQUERADE, true),
        snat, binding, defaultBridge, prefix, spec.internal(), spec.ipv4(), spec.ipv6());
  }

  /** Whether packets leave the network for the outside: not internal, and masquerade or SNAT is on. */
  boolean natsOutgoing() {
    return !internal && (masquerade || snatSource.isPresent());
  }

  /** The device name a joining endpoint gets in the container: the prefix replaces {@code eth}. */
  String containerInterface(String controllerName) {
    if (interfacePrefix.isEmpty() || !controllerName.startsWith("eth")) {
      return controllerName;
    }
    return interfacePrefix + controllerName.substring(3);
  }

  /** Go's strconv.ParseBool, which dockerd uses for these options. */
  private static boolean bool(String value, String key, boolean unset) {
    if (value == null || value.isEmpty()) {
      return unset;
    }
    switch (value) {
      case "1", "t", "T", "TRUE", "true", "True":
        return true;
      case "0", "f", "F", "FALSE", "false", "False":
        return false;
      default:
        throw new InvalidParameterException("failed to parse " + key + " value \"" + value + "\": invalid syntax");
    }
  }

  private static InetAddress ipv4(String text, String key) {
    InetAddress a;
    try {
      a = IpPrefix.parseAddress(text);
    } catch (RuntimeException e) {
      throw new InvalidParameterException("invalid " + key + " \"" + text + "\": not an IP address");
    }
    if (!(a instanceof Inet4Address)) {
      throw new InvalidParameterException("invalid " + key + " \"" + text + "\": not an IPv4 address");
    }
    return a;
  }
}
