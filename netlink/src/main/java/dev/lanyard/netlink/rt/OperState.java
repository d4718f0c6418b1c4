package dev.lanyard.netlink.rt;

/** A link's RFC 2863 operational state ({@code IFLA_OPERSTATE}, {@code IF_OPER_*} of if_link.h). */
public enum OperState {
  UNKNOWN, NOT_PRESENT, DOWN, LOWER_LAYER_DOWN, TESTING, DORMANT, UP;

  /** The state of kernel code {@code code} ({@link IfLink#IF_OPER_UNKNOWN} … {@link IfLink#IF_OPER_UP}). */
  public static OperState of(int code) {
    OperState[] all = values();
    return code >= 0 && code < all.length ? all[code] : UNKNOWN;
  }
}
