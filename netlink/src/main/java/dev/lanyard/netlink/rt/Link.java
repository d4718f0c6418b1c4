package dev.lanyard.netlink.rt;

/**
 * A network interface: the attributes every link has ({@link LinkAttrs}) and those of its kind. Values
 * only; operations are on {@link RtNetlink}.
 */
public sealed interface Link permits Bridge, Veth, Vxlan, Macvlan, GenericLink {
  LinkAttrs attrs();

  /** The {@code IFLA_INFO_KIND} ("bridge", "veth", …); empty for links without one (loopback). */
  String kind();

  default int index() {
    return attrs().index();
  }

  default String name() {
    return attrs().name();
  }
}
