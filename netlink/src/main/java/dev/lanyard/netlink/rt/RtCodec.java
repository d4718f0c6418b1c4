package dev.lanyard.netlink.rt;

import static dev.lanyard.netlink.rt.IfLink.*;

import dev.lanyard.netlink.LibC;
import dev.lanyard.netlink.Netlink;
import dev.lanyard.netlink.NlAttr;
import dev.lanyard.netlink.NlAttrs;
import dev.lanyard.netlink.NlMessage;
import dev.lanyard.netlink.NlWriter;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The rtnetlink wire format: writes requests into an {@link NlWriter} and parses replies. Attribute
 * order follows iproute2's, so the golden-byte tests can compare with what {@code ip} sends.
 */
final class RtCodec {
  private RtCodec() {}

  static final int NO_NAMESPACE = -1;

  // ---- links ----

  /** RTM_NEWLINK creating {@code link}; a veth peer goes into the namespace {@code peerNsFd} unless NO_NAMESPACE. */
  static void newLink(NlWriter w, int nlFlags, Link link, int peerNsFd) {
    LinkAttrs a = link.attrs();
    w.begin(Rtnetlink.RTM_NEWLINK, nlFlags).label("add link " + a.name());
    ifInfoMsg(w, LibC.AF_UNSPEC, a.index(), a.flags() & IfFlags.IFF_UP, a.flags() & IfFlags.IFF_UP);
    if (link instanceof Macvlan parent) {
      w.attrU32(IFLA_LINK, parent.parentIndex());
    }
    commonAttrs(w, a);
    if (a.masterIndex() != 0) {
      w.attrU32(IFLA_MASTER, a.masterIndex());
    }
    int info = w.beginNested(IFLA_LINKINFO);
    w.attr(IFLA_INFO_KIND, link.kind().getBytes(StandardCharsets.US_ASCII)); // no NUL, like iproute2
    if (link instanceof Veth v) {
      int data = w.beginNested(IFLA_INFO_DATA);
      int peer = w.beginAttr(VETH_INFO_PEER);
      LinkAttrs p = v.peer();
      ifInfoMsg(w, LibC.AF_UNSPEC, p.index(), p.flags() & IfFlags.IFF_UP, p.flags() & IfFlags.IFF_UP);
      if (peerNsFd != NO_NAMESPACE) {
        w.attrU32(IFLA_NET_NS_FD, peerNsFd);
      }
      commonAttrs(w, p);
      w.endNested(peer).endNested(data);
    } else if (link instanceof Vxlan x) {
      int data = w.beginNested(IFLA_INFO_DATA);
      if (x.deviceIndex() != 0) {
        w.attrU32(IFLA_VXLAN_LINK, x.deviceIndex());
      }
      if (x.proxy()) {
        w.attrU8(IFLA_VXLAN_PROXY, 1);
      }
      w.attrU32(IFLA_VXLAN_ID, x.vni());
      if (x.local() != null) {
        w.attrAddress(x.local() instanceof Inet4Address ? IFLA_VXLAN_LOCAL : IFLA_VXLAN_LOCAL6, x.local());
      }
      w.attrU8(IFLA_VXLAN_LEARNING, x.learning() ? 1 : 0);
      if (x.port() != 0) {
        w.attrU16BigEndian(IFLA_VXLAN_PORT, x.port());
      }
      w.endNested(data);
    } else if (link instanceof Bridge b && b.multicastSnooping() != null) {
      int data = w.beginNested(IFLA_INFO_DATA);
      w.attrU8(IFLA_BR_MCAST_SNOOPING, b.multicastSnooping() ? 1 : 0);
      w.endNested(data);
    } else if (link instanceof Macvlan m) {
      int data = w.beginNested(IFLA_INFO_DATA);
      w.attrU32(IFLA_MACVLAN_MODE, m.mode().code());
      w.endNested(data);
    }
    w.endNested(info).end();
  }

  private static void commonAttrs(NlWriter w, LinkAttrs a) {
    if (a.name() != null) {
      w.attrString(IFLA_IFNAME, a.name());
    }
    if (a.mtu() != 0) {
      w.attrU32(IFLA_MTU, a.mtu());
    }
    if (a.mac() != null) {
      w.attr(IFLA_ADDRESS, a.mac().bytes());
    }
  }

  /** Starts an RTM_NEWLINK changing link {@code index}; the caller adds attributes and ends it. */
  static NlWriter changeLink(NlWriter w, int nlFlags, String label, int index, int flags, int change) {
    w.begin(Rtnetlink.RTM_NEWLINK, nlFlags).label(label);
    ifInfoMsg(w, LibC.AF_UNSPEC, index, flags, change);
    return w;
  }

  static void deleteLink(NlWriter w, int nlFlags, int index) {
    w.begin(Rtnetlink.RTM_DELLINK, nlFlags).label("delete link " + index);
    ifInfoMsg(w, LibC.AF_UNSPEC, index, 0, 0);
    w.end();
  }

  /** Deletes every link of the namespace in {@code group}, as {@code ip link del group} does: one message. */
  static void deleteGroup(NlWriter w, int nlFlags, int group) {
    w.begin(Rtnetlink.RTM_DELLINK, nlFlags).label("delete link group " + Integer.toUnsignedString(group));
    ifInfoMsg(w, LibC.AF_UNSPEC, 0, 0, 0);
    w.attrU32(IfLink.IFLA_GROUP, group);
    w.end();
  }

  /** The IPv6 link-local address generation mode of link {@code index}, as {@code ip link set … addrgenmode} sends it. */
  static void ipv6AddrGenMode(NlWriter w, int nlFlags, int index, Ipv6AddrGenMode mode) {
    changeLink(w, nlFlags, "set addrgenmode " + mode.name().toLowerCase(Locale.ROOT) + " on link " + index,
        index, 0, 0);
    int spec = w.beginNested(IFLA_AF_SPEC);
    int inet6 = w.beginNested(LibC.AF_INET6);
    w.attrU8(IFLA_INET6_ADDR_GEN_MODE, mode.code());
    w.endNested(inet6).endNested(spec).end();
  }

  /** One IPv4 devconf value of link {@code index} in {@code IFLA_AF_SPEC}/{@code AF_INET}/{@code IFLA_INET_CONF}. */
  static void ipv4DevConf(NlWriter w, int nlFlags, int index, int key, int value) {
    changeLink(w, nlFlags, "set ipv4 devconf " + key + "=" + value + " on link " + index, index, 0, 0);
    int spec = w.beginNested(IFLA_AF_SPEC);
    int inet = w.beginNested(LibC.AF_INET);
    int conf = w.beginNested(IfLink.IFLA_INET_CONF);
    w.attrU32(key, value);
    w.endNested(conf).endNested(inet).endNested(spec).end();
  }

  /** Bridge-port hairpin mode, as {@code bridge link set dev X hairpin on|off} sends it. */
  static void hairpin(NlWriter w, int nlFlags, int index, boolean on) {
    w.begin(Rtnetlink.RTM_SETLINK, nlFlags).label("set hairpin " + (on ? "on" : "off") + " on link " + index);
    ifInfoMsg(w, LibC.AF_BRIDGE, index, 0, 0);
    int protinfo = w.beginNested(IFLA_PROTINFO);
    w.attrU8(IFLA_BRPORT_MODE, on ? 1 : 0);
    w.endNested(protinfo).end();
  }

  static void getLink(NlWriter w, int nlFlags, int index, String name) {
    w.begin(Rtnetlink.RTM_GETLINK, nlFlags).label("get link " + (name != null ? name : Integer.toString(index)));
    ifInfoMsg(w, LibC.AF_UNSPEC, index, 0, 0);
    if (name != null) {
      w.attrString(IFLA_IFNAME, name);
    }
    w.end();
  }

  static void dump(NlWriter w, int type, int family, int familyHeaderLength, String label) {
    w.begin(type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP).label(label);
    w.putU8(family).putZeros(familyHeaderLength - 1).end();
  }

  private static void ifInfoMsg(NlWriter w, int family, int index, int flags, int change) {
    w.putU8(family).putU8(0).putU16(0).putU32(index).putU32(flags).putU32(change);
  }

  static Link parseLink(NlMessage m) {
    NlAttrs all = m.attrs(IFINFOMSG_LENGTH);
    LinkAttrs attrs = parseLinkAttrs(m.payload(), all);
    NlAttr info = all.get(IFLA_LINKINFO);
    String kind = "";
    NlAttrs data = null;
    if (info != null) {
      NlAttrs nested = info.nested();
      NlAttr k = nested.get(IFLA_INFO_KIND);
      kind = k == null ? "" : k.string();
      NlAttr d = nested.get(IFLA_INFO_DATA);
      data = d == null ? null : d.nested();
    }
    NlAttr linkAttr = all.get(IFLA_LINK);
    int link = linkAttr == null ? 0 : linkAttr.u32();
    switch (kind) {
      case "bridge": {
        NlAttr snooping = data == null ? null : data.get(IFLA_BR_MCAST_SNOOPING);
        return new Bridge(attrs, snooping == null ? null : snooping.u8() != 0);
      }
      case "veth": {
        NlAttr peer = data == null ? null : data.get(VETH_INFO_PEER);
        if (peer != null) {
          ByteBuffer v = peer.value();
          return new Veth(attrs, parseLinkAttrs(v, NlAttrs.parse(v.position(Math.min(IFINFOMSG_LENGTH, v.limit())))));
        }
        return new Veth(attrs, new LinkAttrs(link, null, 0, null, 0, 0, OperState.UNKNOWN));
      }
      case "vxlan": {
        NlAttrs d = data == null ? NlAttrs.parse(ByteBuffer.allocate(0)) : data;
        NlAttr local = d.has(IFLA_VXLAN_LOCAL) ? d.get(IFLA_VXLAN_LOCAL) : d.get(IFLA_VXLAN_LOCAL6);
        return new Vxlan(attrs, u32(d, IFLA_VXLAN_ID), local == null ? null : local.address(),
            u32(d, IFLA_VXLAN_LINK), d.has(IFLA_VXLAN_PORT) ? d.get(IFLA_VXLAN_PORT).u16BigEndian() : 0,
            d.has(IFLA_VXLAN_LEARNING) && d.get(IFLA_VXLAN_LEARNING).u8() != 0,
            d.has(IFLA_VXLAN_PROXY) && d.get(IFLA_VXLAN_PROXY).u8() != 0);
      }
      case "macvlan": {
        int mode = data == null ? IfLink.MACVLAN_MODE_VEPA : u32(data, IFLA_MACVLAN_MODE);
        return new Macvlan(attrs, link, MacvlanMode.of(mode));
      }
      default:
        return new GenericLink(attrs, kind);
    }
  }

  /** The common attributes: {@code ifinfo} starts with the ifinfomsg, {@code a} are the attributes after it. */
  private static LinkAttrs parseLinkAttrs(ByteBuffer ifinfo, NlAttrs a) {
    int index = ifinfo.limit() >= 8 ? ifinfo.getInt(4) : 0;
    int flags = ifinfo.limit() >= 12 ? ifinfo.getInt(8) : 0;
    NlAttr name = a.get(IFLA_IFNAME);
    NlAttr mac = a.get(IFLA_ADDRESS);
    NlAttr oper = a.get(IFLA_OPERSTATE);
    return new LinkAttrs(index, name == null ? null : name.string(), u32(a, IFLA_MTU),
        mac != null && mac.length() == 6 ? MacAddress.of(mac.bytes()) : null, flags, u32(a, IFLA_MASTER),
        oper == null ? OperState.UNKNOWN : OperState.of(oper.u8()));
  }

  // ---- addresses ----

  static void address(NlWriter w, int type, int nlFlags, Address a) {
    w.begin(type, nlFlags).label((type == Rtnetlink.RTM_NEWADDR ? "add" : "delete") + " address " + a);
    w.putU8(a.family()).putU8(a.prefixLength()).putU8(a.flags() & 0xff).putU8(a.scope()).putU32(a.linkIndex());
    w.attrAddress(IfAddr.IFA_LOCAL, a.address());
    w.attrAddress(IfAddr.IFA_ADDRESS, a.address());
    if ((a.flags() & ~0xff) != 0) {
      w.attrU32(IfAddr.IFA_FLAGS, a.flags()); // like iproute2: only flags beyond ifa_flags' 8 bits need it
    }
    w.end();
  }

  static Address parseAddress(NlMessage m) {
    ByteBuffer p = m.payload();
    NlAttrs a = m.attrs(IfAddr.IFADDRMSG_LENGTH);
    NlAttr addr = a.has(IfAddr.IFA_LOCAL) ? a.get(IfAddr.IFA_LOCAL) : a.get(IfAddr.IFA_ADDRESS);
    int flags = a.has(IfAddr.IFA_FLAGS) ? a.get(IfAddr.IFA_FLAGS).u32() : Byte.toUnsignedInt(p.get(2));
    return new Address(p.getInt(4), addr.address(), Byte.toUnsignedInt(p.get(1)), flags, Byte.toUnsignedInt(p.get(3)));
  }

  // ---- routes ----

  static void newRoute(NlWriter w, int nlFlags, Route r) {
    w.begin(Rtnetlink.RTM_NEWROUTE, nlFlags).label("add route " + r);
    rtMsg(w, r, r.protocol(), r.scope(), r.type());
    routeAttrs(w, r);
  }

  /** Like {@code ip route del}: protocol, scope and type are wildcards; destination, gateway and link select. */
  static void deleteRoute(NlWriter w, int nlFlags, Route r) {
    w.begin(Rtnetlink.RTM_DELROUTE, nlFlags).label("delete route " + r);
    rtMsg(w, r, Rtnetlink.RTPROT_UNSPEC, Rtnetlink.RT_SCOPE_NOWHERE, Rtnetlink.RTN_UNSPEC);
    routeAttrs(w, r);
  }

  private static void rtMsg(NlWriter w, Route r, int protocol, int scope, int type) {
    int table = Integer.compareUnsigned(r.table(), 256) < 0 ? r.table() : Rtnetlink.RT_TABLE_UNSPEC;
    w.putU8(r.family()).putU8(r.prefixLength()).putU8(0).putU8(0)
        .putU8(table).putU8(protocol).putU8(scope).putU8(type).putU32(r.flags());
  }

  private static void routeAttrs(NlWriter w, Route r) {
    if (r.destination() != null) {
      w.attrAddress(Rtnetlink.RTA_DST, r.destination());
    }
    if (r.gateway() != null) {
      w.attrAddress(Rtnetlink.RTA_GATEWAY, r.gateway());
    }
    if (r.outputIndex() != 0) {
      w.attrU32(Rtnetlink.RTA_OIF, r.outputIndex());
    }
    if (r.priority() != 0) {
      w.attrU32(Rtnetlink.RTA_PRIORITY, r.priority());
    }
    if (Integer.compareUnsigned(r.table(), 256) >= 0) {
      w.attrU32(Rtnetlink.RTA_TABLE, r.table());
    }
    w.end();
  }

  static Route parseRoute(NlMessage m) {
    ByteBuffer p = m.payload();
    NlAttrs a = m.attrs(Rtnetlink.RTMSG_LENGTH);
    int family = Byte.toUnsignedInt(p.get(0));
    NlAttr dst = a.get(Rtnetlink.RTA_DST);
    NlAttr gw = a.get(Rtnetlink.RTA_GATEWAY);
    int table = a.has(Rtnetlink.RTA_TABLE) ? a.get(Rtnetlink.RTA_TABLE).u32() : Byte.toUnsignedInt(p.get(4));
    return new Route(family, dst == null ? null : dst.address(), Byte.toUnsignedInt(p.get(1)),
        gw == null ? null : gw.address(), u32(a, Rtnetlink.RTA_OIF), table, Byte.toUnsignedInt(p.get(5)),
        Byte.toUnsignedInt(p.get(6)), Byte.toUnsignedInt(p.get(7)), p.getInt(8), u32(a, Rtnetlink.RTA_PRIORITY));
  }

  // ---- neighbours and FDB ----

  static void neighbour(NlWriter w, int type, int nlFlags, String verb, Neighbour n) {
    w.begin(type, nlFlags).label(verb + " neighbour " + n.address().getHostAddress() + " dev " + n.linkIndex());
    ndMsg(w, n.family(), n.linkIndex(), n.state(), n.flags());
    w.attrAddress(NeighbourConsts.NDA_DST, n.address());
    if (n.mac() != null) {
      w.attr(NeighbourConsts.NDA_LLADDR, n.mac().bytes());
    }
    w.end();
  }

  static Neighbour parseNeighbour(NlMessage m) {
    ByteBuffer p = m.payload();
    NlAttrs a = m.attrs(NeighbourConsts.NDMSG_LENGTH);
    NlAttr mac = a.get(NeighbourConsts.NDA_LLADDR);
    return new Neighbour(p.getInt(4), a.get(NeighbourConsts.NDA_DST).address(),
        mac != null && mac.length() == 6 ? MacAddress.of(mac.bytes()) : null,
        Short.toUnsignedInt(p.getShort(8)), Byte.toUnsignedInt(p.get(10)));
  }

  static void fdb(NlWriter w, int type, int nlFlags, String verb, FdbEntry e) {
    w.begin(type, nlFlags).label(verb + " fdb entry " + e.mac() + " dev " + e.linkIndex());
    ndMsg(w, LibC.AF_BRIDGE, e.linkIndex(), e.state(), e.flags());
    w.attr(NeighbourConsts.NDA_LLADDR, e.mac().bytes());
    if (e.destination() != null) {
      w.attrAddress(NeighbourConsts.NDA_DST, e.destination());
    }
    w.end();
  }

  static FdbEntry parseFdb(NlMessage m) {
    ByteBuffer p = m.payload();
    NlAttrs a = m.attrs(NeighbourConsts.NDMSG_LENGTH);
    NlAttr dst = a.get(NeighbourConsts.NDA_DST);
    return new FdbEntry(p.getInt(4), MacAddress.of(a.get(NeighbourConsts.NDA_LLADDR).bytes()),
        dst == null ? null : dst.address(), Short.toUnsignedInt(p.getShort(8)), Byte.toUnsignedInt(p.get(10)));
  }

  private static void ndMsg(NlWriter w, int family, int index, int state, int flags) {
    w.putU8(family).putU8(0).putU16(0).putU32(index).putU16(state).putU8(flags).putU8(0);
  }

  private static int u32(NlAttrs a, int type) {
    NlAttr attr = a.get(type);
    return attr == null ? 0 : attr.u32();
  }

}
