package dev.lanyard.internal;

/**
 * The few rtnetlink constants the controller needs to bring a new namespace's loopback up, from
 * <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/rtnetlink.h">rtnetlink.h</a> and
 * <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/if.h">if.h</a>.
 */
final class IfLink {
  static final int RTM_NEWLINK = 16;
  static final int IFF_UP = 0x1;
  static final int LOOPBACK_INDEX = 1;

  private IfLink() {}
}
