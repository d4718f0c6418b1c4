package dev.lanyard.netlink.rt;

/**
 * Constants of {@code <linux/neighbour.h>}: neighbour attributes, flags and states. (Named
 * {@code NeighbourConsts} because {@link Neighbour} is the value type.)
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/neighbour.h">neighbour.h</a>
 */
public final class NeighbourConsts {
  private NeighbourConsts() {}

  /** {@code struct ndmsg}: family, pad1, pad2 (u16), ifindex (s32), state (u16), flags (u8), type (u8). */
  public static final int NDMSG_LENGTH = 12;

  public static final int NDA_DST = 1;
  public static final int NDA_LLADDR = 2;
  public static final int NDA_VLAN = 5;
  public static final int NDA_MASTER = 9;

  public static final int NTF_USE = 0x01;
  public static final int NTF_SELF = 0x02;
  public static final int NTF_MASTER = 0x04;
  public static final int NTF_PROXY = 0x08;
  public static final int NTF_EXT_LEARNED = 0x10;
  public static final int NTF_ROUTER = 0x80;

  public static final int NUD_NONE = 0x00;
  public static final int NUD_INCOMPLETE = 0x01;
  public static final int NUD_REACHABLE = 0x02;
  public static final int NUD_STALE = 0x04;
  public static final int NUD_DELAY = 0x08;
  public static final int NUD_PROBE = 0x10;
  public static final int NUD_FAILED = 0x20;
  public static final int NUD_NOARP = 0x40;
  public static final int NUD_PERMANENT = 0x80;
}
