package dev.lanyard.netlink.rt;

import java.net.InetAddress;

/**
 * A VXLAN device ({@code kind "vxlan"}).
 *
 * @param vni the VXLAN network identifier, 0 … 2^24-1
 * @param local the source address of the tunnel, or null
 * @param deviceIndex the underlay device's ifindex, 0 for none
 * @param port the UDP destination port, 0 for the kernel default (8472; Docker and IANA use 4789)
 * @param learning whether the FDB learns remote addresses from traffic
 * @param proxy whether the device answers ARP from its neighbour table
 */
public record Vxlan(LinkAttrs attrs, int vni, InetAddress local, int deviceIndex, int port, boolean learning,
    boolean proxy) implements Link {
  public static final int MAX_VNI = (1 << 24) - 1;

  public Vxlan {
    if (attrs == null) {
      throw new IllegalArgumentException("vxlan attrs are null");
    }
    if (vni < 0 || vni > MAX_VNI) {
      throw new IllegalArgumentException("invalid VXLAN id " + vni + " for " + attrs.name() + ": must be 0.." + MAX_VNI);
    }
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("invalid VXLAN port " + port + " for " + attrs.name());
    }
    if (deviceIndex < 0) {
      throw new IllegalArgumentException("invalid VXLAN device index " + deviceIndex + " for " + attrs.name());
    }
  }

  @Override
  public String kind() {
    return "vxlan";
  }
}
