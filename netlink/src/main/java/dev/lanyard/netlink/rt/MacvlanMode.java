package dev.lanyard.netlink.rt;

/** {@code MACVLAN_MODE_*} of if_link.h. */
public enum MacvlanMode {
  PRIVATE(IfLink.MACVLAN_MODE_PRIVATE),
  VEPA(IfLink.MACVLAN_MODE_VEPA),
  BRIDGE(IfLink.MACVLAN_MODE_BRIDGE),
  PASSTHRU(IfLink.MACVLAN_MODE_PASSTHRU),
  SOURCE(IfLink.MACVLAN_MODE_SOURCE);

  private final int code;

  MacvlanMode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static MacvlanMode of(int code) {
    for (MacvlanMode mode : values()) {
      if (mode.code == code) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown macvlan mode " + code);
  }
}
