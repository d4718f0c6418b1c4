package dev.lanyard.netlink.rt;

import java.net.InetAddress;

/**
 * A bridge forwarding-database entry ({@code AF_BRIDGE} neighbour), as {@code bridge fdb} shows it. For
 * a VXLAN device, {@code destination} is the remote VTEP ({@code NDA_DST}).
 *
 * @param linkIndex the port (or VXLAN device) ifindex
 * @param mac the Ethernet address
 * @param destination the remote tunnel endpoint, or null
 * @param state {@code NUD_*}; {@code bridge fdb add … permanent} sends NUD_PERMANENT|NUD_NOARP
 * @param flags {@code NTF_*}, e.g. {@link NeighbourConsts#NTF_SELF} for the device's own table
 */
public record FdbEntry(int linkIndex, MacAddress mac, InetAddress destination, int state, int flags) {
  public FdbEntry {
    if (mac == null) {
      throw new IllegalArgumentException("fdb entry MAC is null");
    }
    if (linkIndex <= 0) {
      throw new IllegalArgumentException("fdb entry " + mac + " needs a link index, got " + linkIndex);
    }
    if (state < 0 || state > 0xffff || flags < 0 || flags > 0xff) {
      throw new IllegalArgumentException("invalid fdb state " + state + " or flags " + flags);
    }
  }

  /** A permanent entry in the device's own table ({@code bridge fdb add MAC dev X self permanent [dst D]}). */
  public static FdbEntry permanentSelf(int linkIndex, MacAddress mac, InetAddress destination) {
    return new FdbEntry(linkIndex, mac, destination, NeighbourConsts.NUD_PERMANENT | NeighbourConsts.NUD_NOARP,
        NeighbourConsts.NTF_SELF);
  }
}
