package dev.lanyard.netlink.rt;

import static dev.lanyard.netlink.Netlink.NLM_F_REQUEST;

import dev.lanyard.netlink.LibC;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.Netlink;
import dev.lanyard.netlink.NetlinkSocket;
import dev.lanyard.netlink.NlMessage;
import dev.lanyard.netlink.NlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An rtnetlink handle bound to one network namespace: links, addresses, routes, neighbours and bridge
 * FDB entries of that namespace.
 *
 * <pre>{@code
 * try (NetNs ns = NetNs.named("c1"); RtNetlink rt = RtNetlink.openIn(ns)) {
 *   Link br = rt.add(new Bridge(LinkAttrs.named("br0").withUp(true)));
 *   rt.addAddress(Address.of(br.index(), InetAddress.getByName("172.18.0.1"), 16));
 *   rt.addRoute(Route.defaultVia(InetAddress.getByName("172.18.0.1")));
 * }
 * }</pre>
 *
 * <p>Namespaces and threads: the handle's socket is created inside the namespace ({@link #openIn}
 * enters it on a short-lived platform thread of {@link NetNs#call}; {@link #open} uses the calling
 * thread's) and stays bound to it. After opening, any thread may use the handle; requests are
 * serialised on the socket. No operation enters a namespace. Close the handle to release the socket.
 *
 * <p>Errors: the kernel's refusals are {@link dev.lanyard.netlink.NetlinkException}s naming the
 * operation ("add link br0"), the errno ({@code EEXIST}, {@code ENODEV}, …) and the kernel's extended-ack
 * text. Invalid values (an interface name over 15 bytes, a bad MTU) fail with
 * {@link IllegalArgumentException} before anything is sent.
 */
public final class RtNetlink implements AutoCloseable {
  private final NetlinkSocket socket;

  private RtNetlink(NetlinkSocket socket) {
    this.socket = socket;
  }

  /** A handle on the calling thread's namespace. */
  public static RtNetlink open() {
    return new RtNetlink(NetlinkSocket.open(Netlink.NETLINK_ROUTE));
  }

  /** A handle on {@code ns} (entered once, on a short-lived thread, to create the socket). */
  public static RtNetlink openIn(NetNs ns) {
    return new RtNetlink(NetlinkSocket.openIn(ns, Netlink.NETLINK_ROUTE));
  }

  /**
   * Like {@link #openIn}, without waiting: the socket is created on a new thread inside {@code ns}
   * while the caller goes on, e.g. creating the veth whose peer goes there. {@code ns} must stay open
   * until the future completes; a failure completes it exceptionally.
   */
  public static CompletableFuture<RtNetlink> openInAsync(NetNs ns) {
    return ns.callAsync(() -> new RtNetlink(NetlinkSocket.open(Netlink.NETLINK_ROUTE)));
  }

  /** An empty request: several changes sent in one datagram. */
  public RtRequest request() {
    return new RtRequest(socket);
  }

  // ---- links ----

  public List<Link> links() {
    return dump(Rtnetlink.RTM_GETLINK, LibC.AF_UNSPEC, IfLink.IFINFOMSG_LENGTH, "list links", RtCodec::parseLink);
  }

  /** The link called {@code name}; a missing one fails with ENODEV. */
  public Link link(String name) {
    LinkAttrs.requireValidName(name);
    return get(0, name);
  }

  /** The link with ifindex {@code index}; a missing one fails with ENODEV. */
  public Link link(int index) {
    if (index <= 0) {
      throw new IllegalArgumentException("invalid link index " + index);
    }
    return get(index, null);
  }

  private Link get(int index, String name) {
    NlWriter w = new NlWriter(256);
    RtCodec.getLink(w, NLM_F_REQUEST | Netlink.NLM_F_ACK, index, name);
    List<Link> found = new ArrayList<>(1);
    socket.execute("get link " + (name != null ? name : index), w, m -> {
      if (m.type() == Rtnetlink.RTM_NEWLINK) {
        found.add(RtCodec.parseLink(m));
      }
    });
    return found.get(0);
  }

  /**
   * Creates {@code link} (a veth's peer in this namespace) and returns it as the kernel reports it
   * (creation and read-back go in one datagram).
   */
  public Link add(Link link) {
    return request().addLink(link).getLink(link.name()).execute().get(0);
  }

  /**
   * Creates a veth pair with the peer made inside {@code peerNamespace}; returns the local end, whose
   * {@code peer().index()} is the peer's ifindex there.
   */
  public Veth addVeth(Veth veth, NetNs peerNamespace) {
    return (Veth) request().addVeth(veth, peerNamespace).getLink(veth.name()).execute().get(0);
  }

  public void delete(int index) {
    request().deleteLink(index).execute();
  }

  /** Deletes every link of this namespace in {@code group}, in one kernel batch (see {@link RtRequest#deleteGroup}). */
  public void deleteGroup(int group) {
    request().deleteGroup(group).execute();
  }

  public void setUp(int index) {
    request().setUp(index).execute();
  }

  public void setDown(int index) {
    request().setDown(index).execute();
  }

  public void setMtu(int index, int mtu) {
    request().setMtu(index, mtu).execute();
  }

  public void setMac(int index, MacAddress mac) {
    request().setMac(index, mac).execute();
  }

  public void setName(int index, String name) {
    request().setName(index, name).execute();
  }

  public void setMaster(int index, int masterIndex) {
    request().setMaster(index, masterIndex).execute();
  }

  public void setNoMaster(int index) {
    request().setNoMaster(index).execute();
  }

  /** Moves link {@code index} into {@code target}. */
  public void moveTo(int index, NetNs target) {
    request().moveTo(index, target).execute();
  }

  /** See {@link RtRequest#setIpv6AddrGenMode}. */
  public void setIpv6AddrGenMode(int index, Ipv6AddrGenMode mode) {
    request().setIpv6AddrGenMode(index, mode).execute();
  }

  public void setHairpin(int index, boolean on) {
    request().setHairpin(index, on).execute();
  }

  // ---- addresses ----

  /** Addresses of {@code family} ({@link LibC#AF_INET}, {@link LibC#AF_INET6}, or AF_UNSPEC for both). */
  public List<Address> addresses(int family) {
    return dump(Rtnetlink.RTM_GETADDR, family, IfAddr.IFADDRMSG_LENGTH, "list addresses", RtCodec::parseAddress);
  }

  public void addAddress(Address address) {
    request().addAddress(address).execute();
  }

  public void deleteAddress(Address address) {
    request().deleteAddress(address).execute();
  }

  // ---- routes ----

  /** Routes of {@code family} in every table (filter on {@link Route#table()}). */
  public List<Route> routes(int family) {
    return dump(Rtnetlink.RTM_GETROUTE, family, Rtnetlink.RTMSG_LENGTH, "list routes", RtCodec::parseRoute);
  }

  public void addRoute(Route route) {
    request().addRoute(route).execute();
  }

  public void deleteRoute(Route route) {
    request().deleteRoute(route).execute();
  }

  // ---- neighbours ----

  /** Neighbour entries of {@link LibC#AF_INET} (ARP) or {@link LibC#AF_INET6} (NDP). */
  public List<Neighbour> neighbours(int family) {
    if (family != LibC.AF_INET && family != LibC.AF_INET6) {
      throw new IllegalArgumentException("neighbour family must be AF_INET or AF_INET6, not " + family);
    }
    return dump(Rtnetlink.RTM_GETNEIGH, family, NeighbourConsts.NDMSG_LENGTH, "list neighbours",
        RtCodec::parseNeighbour);
  }

  public void addNeighbour(Neighbour neighbour) {
    request().addNeighbour(neighbour).execute();
  }

  public void replaceNeighbour(Neighbour neighbour) {
    request().replaceNeighbour(neighbour).execute();
  }

  public void deleteNeighbour(Neighbour neighbour) {
    request().deleteNeighbour(neighbour).execute();
  }

  // ---- bridge FDB ----

  /** Every forwarding-database entry of every bridge and VXLAN device ({@code bridge fdb show}). */
  public List<FdbEntry> fdbEntries() {
    return dump(Rtnetlink.RTM_GETNEIGH, LibC.AF_BRIDGE, NeighbourConsts.NDMSG_LENGTH, "list fdb entries",
        RtCodec::parseFdb);
  }

  public void addFdb(FdbEntry entry) {
    request().addFdb(entry).execute();
  }

  public void deleteFdb(FdbEntry entry) {
    request().deleteFdb(entry).execute();
  }

  @Override
  public void close() {
    socket.close();
  }

  private <T> List<T> dump(int type, int family, int headerLength, String operation,
      Function<NlMessage, T> parse) {
    NlWriter w = new NlWriter(64);
    RtCodec.dump(w, type, family, headerLength, operation);
    List<T> out = new ArrayList<>();
    socket.dump(operation, w, m -> {
      if (m.type() == type - 2) { // a GET is answered with the matching NEW (RTM_GETLINK → RTM_NEWLINK)
        out.add(parse.apply(m));
      }
    });
    return out;
  }
}
