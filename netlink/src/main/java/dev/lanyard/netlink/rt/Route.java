package dev.lanyard.netlink.rt;

import dev.lanyard.netlink.LibC;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A route. Build with {@link #defaultVia} or {@link #to} and the {@code with…} methods:
 *
 * <pre>{@code
 * Route.defaultVia(InetAddress.getByName("172.18.0.1"));
 * Route.to(InetAddress.getByName("10.9.0.0"), 16).withGateway(gw).withOutputIndex(3).withOnLink();
 * }</pre>
 *
 * @param family {@link LibC#AF_INET} or {@link LibC#AF_INET6}
 * @param destination null for the default route (prefix length 0)
 * @param gateway the next hop, or null for a directly connected route
 * @param outputIndex the output link's ifindex, 0 to let the kernel find it from the gateway
 * @param table {@code RT_TABLE_*} or a number up to 2^32-1 ({@link Rtnetlink#RT_TABLE_MAIN} by default)
 * @param protocol {@code RTPROT_*} ({@link Rtnetlink#RTPROT_BOOT} by default, as {@code ip route add})
 * @param scope {@code RT_SCOPE_*}
 * @param type {@code RTN_*} ({@link Rtnetlink#RTN_UNICAST} by default)
 * @param flags {@code RTNH_F_*}, e.g. {@link Rtnetlink#RTNH_F_ONLINK}
 * @param priority the metric, 0 for none
 */
public record Route(int family, InetAddress destination, int prefixLength, InetAddress gateway, int outputIndex,
    int table, int protocol, int scope, int type, int flags, int priority) {

  public Route {
    if (family != LibC.AF_INET && family != LibC.AF_INET6) {
      throw new IllegalArgumentException("invalid route family " + family);
    }
    int max = family == LibC.AF_INET ? 32 : 128;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException("invalid route prefix length " + prefixLength);
    }
    requireFamily(family, destination, "destination");
    requireFamily(family, gateway, "gateway");
    if (prefixLength == 0) {
      destination = null; // 0.0.0.0/0 and ::/0 are the default route, which has no RTA_DST
    } else if (destination == null) {
      throw new IllegalArgumentException("route with prefix length " + prefixLength + " has no destination");
    }
    if (outputIndex < 0 || protocol < 0 || protocol > 255 || scope < 0 || scope > 255 || type < 0 || type > 255) {
      throw new IllegalArgumentException("invalid route fields: " + outputIndex + ", " + protocol + ", " + scope + ", " + type);
    }
  }

  /** The default route via {@code gateway}, in the main table. */
  public static Route defaultVia(InetAddress gateway) {
    return to(familyOf(gateway), null, 0).withGateway(gateway);
  }

  /** A unicast route to {@code destination/prefixLength} in the main table (add a gateway or output link). */
  public static Route to(InetAddress destination, int prefixLength) {
    if (destination == null) {
      throw new IllegalArgumentException("route destination is null; use defaultVia for the default route");
    }
    return to(familyOf(destination), destination, prefixLength);
  }

  private static Route to(int family, InetAddress destination, int prefixLength) {
    return new Route(family, destination, prefixLength, null, 0, Rtnetlink.RT_TABLE_MAIN, Rtnetlink.RTPROT_BOOT,
        Rtnetlink.RT_SCOPE_UNIVERSE, Rtnetlink.RTN_UNICAST, 0, 0);
  }

  public Route withGateway(InetAddress newGateway) {
    return new Route(family, destination, prefixLength, newGateway, outputIndex, table, protocol, scope, type, flags, priority);
  }

  public Route withOutputIndex(int index) {
    return new Route(family, destination, prefixLength, gateway, index, table, protocol, scope, type, flags, priority);
  }

  /** Marks the gateway as on the link even without a covering prefix ({@code onlink}). */
  public Route withOnLink() {
    return new Route(family, destination, prefixLength, gateway, outputIndex, table, protocol, scope, type,
        flags | Rtnetlink.RTNH_F_ONLINK, priority);
  }

  public Route withTable(int newTable) {
    return new Route(family, destination, prefixLength, gateway, outputIndex, newTable, protocol, scope, type, flags, priority);
  }

  public Route withScope(int newScope) {
    return new Route(family, destination, prefixLength, gateway, outputIndex, table, protocol, newScope, type, flags, priority);
  }

  public Route withPriority(int newPriority) {
    return new Route(family, destination, prefixLength, gateway, outputIndex, table, protocol, scope, type, flags, newPriority);
  }

  public boolean isDefault() {
    return prefixLength == 0;
  }

  @Override
  public String toString() {
    String dst = destination == null ? "default" : destination.getHostAddress() + "/" + prefixLength;
    return dst + (gateway == null ? "" : " via " + gateway.getHostAddress())
        + (outputIndex == 0 ? "" : " dev " + outputIndex) + (table == Rtnetlink.RT_TABLE_MAIN ? "" : " table " + table);
  }

  static int familyOf(InetAddress address) {
    return address instanceof Inet4Address ? LibC.AF_INET : LibC.AF_INET6;
  }

  private static void requireFamily(int family, InetAddress address, String what) {
    if (address != null && familyOf(address) != family) {
      throw new IllegalArgumentException("route " + what + " " + address.getHostAddress() + " is not of family " + family);
    }
  }
}
