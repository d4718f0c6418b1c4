package dev.lanyard.netlink.rt;

import java.nio.charset.StandardCharsets;

/**
 * What every link has, whatever its kind: the attributes of {@code ifinfomsg} and the common
 * {@code IFLA_*} attributes. Read from the kernel, every field is set; to create a link, start from
 * {@link #named} and set what matters (zero, null and {@link OperState#UNKNOWN} mean "kernel default"):
 *
 * <pre>{@code
 * LinkAttrs hostEnd = LinkAttrs.named("veth1a2b").withMtu(1500).withMaster(bridgeIndex).withUp(true);
 * }</pre>
 *
 * @param index the ifindex; 0 lets the kernel choose on creation
 * @param name the interface name, at most 15 bytes; null only for a veth peer read back from the kernel
 * @param mtu 0 for the kernel default
 * @param mac the hardware address, or null (kernel chooses; also for links without an Ethernet address)
 * @param flags {@code IFF_*} flags ({@link IfFlags}); on creation only {@link IfFlags#IFF_UP} is applied
 * @param masterIndex the master (bridge) ifindex, 0 for none
 * @param operState the operational state; ignored on creation
 */
public record LinkAttrs(int index, String name, int mtu, MacAddress mac, int flags, int masterIndex,
    OperState operState) {

  public LinkAttrs {
    if (name != null) {
      requireValidName(name);
    }
    if (index < 0 || mtu < 0 || masterIndex < 0) {
      throw new IllegalArgumentException("negative index, mtu or master for link " + name);
    }
    if (operState == null) {
      throw new IllegalArgumentException("operState is null for link " + name + "; use OperState.UNKNOWN");
    }
  }

  /** Attributes for a new link called {@code name}, everything else left to the kernel. */
  public static LinkAttrs named(String name) {
    if (name == null) {
      throw new IllegalArgumentException("interface name is null");
    }
    return new LinkAttrs(0, name, 0, null, 0, 0, OperState.UNKNOWN);
  }

  public boolean isUp() {
    return (flags & IfFlags.IFF_UP) != 0;
  }

  public LinkAttrs withIndex(int newIndex) {
    return new LinkAttrs(newIndex, name, mtu, mac, flags, masterIndex, operState);
  }

  public LinkAttrs withMtu(int newMtu) {
    return new LinkAttrs(index, name, newMtu, mac, flags, masterIndex, operState);
  }

  public LinkAttrs withMac(MacAddress newMac) {
    return new LinkAttrs(index, name, mtu, newMac, flags, masterIndex, operState);
  }

  /** Created up ({@code IFF_UP}), or not. */
  public LinkAttrs withUp(boolean up) {
    return new LinkAttrs(index, name, mtu, mac, up ? flags | IfFlags.IFF_UP : flags & ~IfFlags.IFF_UP,
        masterIndex, operState);
  }

  /** Enslaved to {@code newMasterIndex} (0 for none) — on creation, in the same request. */
  public LinkAttrs withMaster(int newMasterIndex) {
    return new LinkAttrs(index, name, mtu, mac, flags, newMasterIndex, operState);
  }

  /**
   * Checks {@code name} the way the kernel's {@code dev_valid_name} does, so a bad name fails here with
   * a clear message instead of as a bare EINVAL from the kernel.
   *
   * @throws IllegalArgumentException naming the bad name and why
   */
  public static String requireValidName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("invalid interface name \"" + name + "\": empty");
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > IfLink.IFNAME_MAX_BYTES) {
      throw new IllegalArgumentException("invalid interface name \"" + name + "\": " + bytes
          + " bytes, longer than " + IfLink.IFNAME_MAX_BYTES);
    }
    if (name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("invalid interface name \"" + name + "\"");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == ':' || Character.isWhitespace(c) || c == 0) {
        throw new IllegalArgumentException("invalid interface name \"" + name + "\": contains '" + c + "'");
      }
    }
    return name;
  }
}
