package dev.lanyard.netlink.rt;

/**
 * A Linux bridge ({@code kind "bridge"}).
 *
 * @param multicastSnooping IGMP/MLD snooping ({@code IFLA_BR_MCAST_SNOOPING}); null on creation leaves
 *     the kernel's default (on); read back from the kernel it is always set. Off, the bridge forwards
 *     multicast to every port as it does broadcast, and recomputing port states (each time a port comes
 *     up or goes down) no longer restarts the multicast timers of every port
 */
public record Bridge(LinkAttrs attrs, Boolean multicastSnooping) implements Link {
  public Bridge {
    if (attrs == null) {
      throw new IllegalArgumentException("bridge attrs are null");
    }
  }

  /** A bridge with the kernel's default options. */
  public Bridge(LinkAttrs attrs) {
    this(attrs, null);
  }

  /** This bridge with multicast snooping {@code on} or off. */
  public Bridge withMulticastSnooping(boolean on) {
    return new Bridge(attrs, on);
  }

  @Override
  public String kind() {
    return "bridge";
  }
}
