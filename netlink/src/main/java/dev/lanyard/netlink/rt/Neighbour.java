package dev.lanyard.netlink.rt;

import java.net.InetAddress;

/**
 * An IPv4 (ARP) or IPv6 (NDP) neighbour entry.
 *
 * @param linkIndex the link's ifindex
 * @param address the neighbour's IP address ({@code NDA_DST})
 * @param mac its link-layer address ({@code NDA_LLADDR}), or null (e.g. for a delete or an incomplete entry)
 * @param state {@code NUD_*} ({@link NeighbourConsts}), e.g. {@link NeighbourConsts#NUD_PERMANENT}
 * @param flags {@code NTF_*}
 */
public record Neighbour(int linkIndex, InetAddress address, MacAddress mac, int state, int flags) {
  public Neighbour {
    if (address == null) {
      throw new IllegalArgumentException("neighbour address is null");
    }
    if (linkIndex <= 0) {
      throw new IllegalArgumentException("neighbour " + address.getHostAddress() + " needs a link index, got " + linkIndex);
    }
    if (state < 0 || state > 0xffff || flags < 0 || flags > 0xff) {
      throw new IllegalArgumentException("invalid neighbour state " + state + " or flags " + flags);
    }
  }

  /** A permanent entry {@code address → mac} on {@code linkIndex}, like {@code ip neigh add … nud permanent}. */
  public static Neighbour permanent(int linkIndex, InetAddress address, MacAddress mac) {
    return new Neighbour(linkIndex, address, mac, NeighbourConsts.NUD_PERMANENT, 0);
  }

  public int family() {
    return Route.familyOf(address);
  }
}
