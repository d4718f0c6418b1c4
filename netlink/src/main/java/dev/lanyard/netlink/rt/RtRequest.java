package dev.lanyard.netlink.rt;

import static dev.lanyard.netlink.Netlink.NLM_F_ACK;
import static dev.lanyard.netlink.Netlink.NLM_F_CREATE;
import static dev.lanyard.netlink.Netlink.NLM_F_EXCL;
import static dev.lanyard.netlink.Netlink.NLM_F_REPLACE;
import static dev.lanyard.netlink.Netlink.NLM_F_REQUEST;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.NetlinkSocket;
import dev.lanyard.netlink.NlWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Several rtnetlink changes sent to the kernel in one datagram ({@link #execute}). The kernel applies
 * them in order and stops at nothing: each message is acknowledged separately, and the first error is
 * thrown (named after the failing change) once all replies are in. Made by {@link RtNetlink#request()}.
 *
 * <pre>{@code
 * try (RtNetlink host = RtNetlink.open(); NetNs ns = NetNs.named("c1")) {
 *   host.request()
 *       .addVeth(new Veth(LinkAttrs.named("veth1").withMaster(bridgeIndex).withUp(true),
 *                         LinkAttrs.named("eth0").withUp(true)), ns)
 *       .execute();
 * }
 * }</pre>
 *
 * <p>Not thread-safe; build and execute on one thread. Namespaces passed in must stay open until
 * {@link #execute} returns (their descriptors are written into the request). After {@code execute}
 * the request is empty and can be reused.
 */
public final class RtRequest {
  private static final int NEW = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  private static final int CHANGE = NLM_F_REQUEST | NLM_F_ACK;

  private final NetlinkSocket socket;
  private final NlWriter writer = new NlWriter();

  RtRequest(NetlinkSocket socket) {
    this.socket = socket;
  }

  /**
   * Creates {@code link}. Its {@link LinkAttrs} may ask for it to be up ({@link LinkAttrs#withUp}) and
   * enslaved ({@link LinkAttrs#withMaster}) at once. A veth's peer is created in this namespace.
   */
  public RtRequest addLink(Link link) {
    RtCodec.newLink(writer, NEW, link, RtCodec.NO_NAMESPACE);
    return this;
  }

  /** Creates a veth pair whose peer is made directly inside {@code peerNamespace} ({@code IFLA_NET_NS_FD}). */
  public RtRequest addVeth(Veth veth, NetNs peerNamespace) {
    RtCodec.newLink(writer, NEW, veth, peerNamespace.fd());
    return this;
  }

  /**
   * Asks for the link called {@code name} as it is when the kernel reaches this message — after the
   * changes queued before it, e.g. to learn the index of a link this request creates. The link is
   * returned by {@link #execute}; a missing one fails the request with ENODEV.
   */
  public RtRequest getLink(String name) {
    LinkAttrs.requireValidName(name);
    RtCodec.getLink(writer, CHANGE, 0, name);
    return this;
  }

  public RtRequest deleteLink(int index) {
    RtCodec.deleteLink(writer, CHANGE, index);
    return this;
  }

  /**
   * Deletes every link of this namespace in {@code group} (see {@link #setGroup}). The kernel unregisters
   * them as one batch, with one RCU grace period for all, where deleting them one by one pays one each.
   * A group with no link fails with ENODEV.
   */
  public RtRequest deleteGroup(int group) {
    if (group == 0) {
      throw new IllegalArgumentException("refusing to delete link group 0, the group of every link by default");
    }
    RtCodec.deleteGroup(writer, CHANGE, group);
    return this;
  }

  /** Puts link {@code index} into interface group {@code group} ({@code ip link set … group}). */
  public RtRequest setGroup(int index, int group) {
    RtCodec.changeLink(writer, CHANGE, "set group " + Integer.toUnsignedString(group) + " on link " + index, index, 0, 0)
        .attrU32(IfLink.IFLA_GROUP, group).end();
    return this;
  }

  public RtRequest setUp(int index) {
    RtCodec.changeLink(writer, CHANGE, "set link " + index + " up", index, IfFlags.IFF_UP, IfFlags.IFF_UP).end();
    return this;
  }

  public RtRequest setDown(int index) {
    RtCodec.changeLink(writer, CHANGE, "set link " + index + " down", index, 0, IfFlags.IFF_UP).end();
    return this;
  }

  public RtRequest setMtu(int index, int mtu) {
    if (mtu <= 0) {
      throw new IllegalArgumentException("invalid MTU " + mtu + " for link " + index);
    }
    RtCodec.changeLink(writer, CHANGE, "set mtu " + mtu + " on link " + index, index, 0, 0)
        .attrU32(IfLink.IFLA_MTU, mtu).end();
    return this;
  }

  public RtRequest setMac(int index, MacAddress mac) {
    RtCodec.changeLink(writer, CHANGE, "set address " + mac + " on link " + index, index, 0, 0)
        .attr(IfLink.IFLA_ADDRESS, mac.bytes()).end();
    return this;
  }

  public RtRequest setName(int index, String name) {
    LinkAttrs.requireValidName(name);
    RtCodec.changeLink(writer, CHANGE, "rename link " + index + " to " + name, index, 0, 0)
        .attrString(IfLink.IFLA_IFNAME, name).end();
    return this;
  }

  /** Enslaves link {@code index} to {@code masterIndex} (a bridge). */
  public RtRequest setMaster(int index, int masterIndex) {
    if (masterIndex <= 0) {
      throw new IllegalArgumentException("invalid master index " + masterIndex + " for link " + index);
    }
    RtCodec.changeLink(writer, CHANGE, "set master " + masterIndex + " on link " + index, index, 0, 0)
        .attrU32(IfLink.IFLA_MASTER, masterIndex).end();
    return this;
  }

  public RtRequest setNoMaster(int index) {
    RtCodec.changeLink(writer, CHANGE, "set nomaster on link " + index, index, 0, 0)
        .attrU32(IfLink.IFLA_MASTER, 0).end();
    return this;
  }

  /** Moves link {@code index} into {@code target}; it keeps its name unless that is taken there. */
  public RtRequest moveTo(int index, NetNs target) {
    RtCodec.changeLink(writer, CHANGE, "move link " + index + " to " + target.path(), index, 0, 0)
        .attrU32(IfLink.IFLA_NET_NS_FD, target.fd()).end();
    return this;
  }

  /**
   * How link {@code index} makes its IPv6 link-local address ({@code ip link set … addrgenmode}). It is
   * used when the link next comes up (with carrier); an address already made stays. The kernel refuses
   * this attribute in the message that creates a link (EAFNOSUPPORT), so create the link down, then
   * queue this and {@link #setUp} — in the same request.
   */
  public RtRequest setIpv6AddrGenMode(int index, Ipv6AddrGenMode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("IPv6 address generation mode is null for link " + index);
    }
    RtCodec.ipv6AddrGenMode(writer, CHANGE, index, mode);
    return this;
  }

  /**
   * An IPv4 setting of link {@code index} ({@code net.ipv4.conf.<link>.<key>}, {@link Ipv4DevConf}), set over
   * rtnetlink: in the same datagram as other link changes, with no thread entering the namespace as a sysctl
   * write needs. The kernel refuses (EAFNOSUPPORT) a link without IPv4 configuration.
   */
  public RtRequest setIpv4DevConf(int index, int key, int value) {
    if (key < 1) {
      throw new IllegalArgumentException("IPv4 devconf index must be 1 or more: " + key + " for link " + index);
    }
    RtCodec.ipv4DevConf(writer, CHANGE, index, key, value);
    return this;
  }

  /** Hairpin mode of bridge port {@code index}: frames may leave by the port they came in on. */
  public RtRequest setHairpin(int index, boolean on) {
    RtCodec.hairpin(writer, CHANGE, index, on);
    return this;
  }

  public RtRequest addAddress(Address address) {
    RtCodec.address(writer, Rtnetlink.RTM_NEWADDR, NEW, address);
    return this;
  }

  public RtRequest deleteAddress(Address address) {
    RtCodec.address(writer, Rtnetlink.RTM_DELADDR, CHANGE, address);
    return this;
  }

  public RtRequest addRoute(Route route) {
    RtCodec.newRoute(writer, NEW, route);
    return this;
  }

  public RtRequest deleteRoute(Route route) {
    RtCodec.deleteRoute(writer, CHANGE, route);
    return this;
  }

  /** Adds a neighbour entry; fails with EEXIST if one exists for that address. */
  public RtRequest addNeighbour(Neighbour neighbour) {
    RtCodec.neighbour(writer, Rtnetlink.RTM_NEWNEIGH, NEW, "add", neighbour);
    return this;
  }

  /** Adds or overwrites a neighbour entry ({@code ip neigh replace}). */
  public RtRequest replaceNeighbour(Neighbour neighbour) {
    RtCodec.neighbour(writer, Rtnetlink.RTM_NEWNEIGH, CHANGE | NLM_F_CREATE | NLM_F_REPLACE, "replace", neighbour);
    return this;
  }

  public RtRequest deleteNeighbour(Neighbour neighbour) {
    RtCodec.neighbour(writer, Rtnetlink.RTM_DELNEIGH, CHANGE, "delete", neighbour);
    return this;
  }

  public RtRequest addFdb(FdbEntry entry) {
    RtCodec.fdb(writer, Rtnetlink.RTM_NEWNEIGH, NEW, "add", entry);
    return this;
  }

  public RtRequest deleteFdb(FdbEntry entry) {
    RtCodec.fdb(writer, Rtnetlink.RTM_DELNEIGH, CHANGE, "delete", entry);
    return this;
  }

  /** How many changes are queued. */
  public int size() {
    return writer.messageCount();
  }

  /**
   * Sends every queued message in one datagram and waits for all acknowledgements.
   *
   * @return the links asked for with {@link #getLink}, in order
   * @throws dev.lanyard.netlink.NetlinkException for the first message the kernel refused, named after it
   */
  public List<Link> execute() {
    List<Link> links = new ArrayList<>();
    try {
      socket.execute("rtnetlink request", writer, m -> {
        if (m.type() == Rtnetlink.RTM_NEWLINK) {
          links.add(RtCodec.parseLink(m));
        }
      });
      return links;
    } finally {
      writer.clear();
    }
  }
}
