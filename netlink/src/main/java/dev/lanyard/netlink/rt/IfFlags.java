package dev.lanyard.netlink.rt;

/**
 * Interface flags ({@code IFF_*}) of {@code <linux/if.h>}, as carried in {@code ifinfomsg.ifi_flags}.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/if.h">if.h</a>
 */
public final class IfFlags {
  private IfFlags() {}

  public static final int IFF_UP = 0x1;
  public static final int IFF_BROADCAST = 0x2;
  public static final int IFF_LOOPBACK = 0x8;
  public static final int IFF_POINTOPOINT = 0x10;
  public static final int IFF_RUNNING = 0x40;
  public static final int IFF_NOARP = 0x80;
  public static final int IFF_PROMISC = 0x100;
  public static final int IFF_MULTICAST = 0x1000;
  public static final int IFF_LOWER_UP = 0x10000;
}
