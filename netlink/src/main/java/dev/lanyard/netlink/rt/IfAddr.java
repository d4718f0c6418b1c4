package dev.lanyard.netlink.rt;

/**
 * Constants of {@code <linux/if_addr.h>}: address attributes and flags.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/if_addr.h">if_addr.h</a>
 */
public final class IfAddr {
  private IfAddr() {}

  /** {@code struct ifaddrmsg}: family, prefixlen, flags (u8), scope, index (u32). */
  public static final int IFADDRMSG_LENGTH = 8;

  public static final int IFA_ADDRESS = 1;
  public static final int IFA_LOCAL = 2;
  public static final int IFA_LABEL = 3;
  public static final int IFA_BROADCAST = 4;
  public static final int IFA_FLAGS = 8;

  public static final int IFA_F_SECONDARY = 0x01;
  public static final int IFA_F_NODAD = 0x02;
  public static final int IFA_F_OPTIMISTIC = 0x04;
  public static final int IFA_F_DADFAILED = 0x08;
  public static final int IFA_F_HOMEADDRESS = 0x10;
  public static final int IFA_F_DEPRECATED = 0x20;
  public static final int IFA_F_TENTATIVE = 0x40;
  public static final int IFA_F_PERMANENT = 0x80;
  public static final int IFA_F_MANAGETEMPADDR = 0x100;
  public static final int IFA_F_NOPREFIXROUTE = 0x200;
}
