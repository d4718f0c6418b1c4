package dev.lanyard.netlink.rt;

import static dev.lanyard.netlink.Netlink.NLM_F_ACK;
import static dev.lanyard.netlink.Netlink.NLM_F_CREATE;
import static dev.lanyard.netlink.Netlink.NLM_F_EXCL;
import static dev.lanyard.netlink.Netlink.NLM_F_REPLACE;
import static dev.lanyard.netlink.Netlink.NLM_F_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.netlink.Netlink;
import dev.lanyard.netlink.NlWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our encoding against what iproute2 6.1 sends for the same operation, captured with strace by
 * {@code src/test/golden/capture-rt.sh} (seq and port zeroed). iproute2 does not set NLA_F_NESTED on
 * rtnetlink nests and we do, so that one bit is ignored wherever our message has it; every other
 * byte must match. Indexes and the namespace descriptor (4) are those of the capture run.
 */
class RtGoldenTest {
  private static final int NEW = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  private static final int CHANGE = NLM_F_REQUEST | NLM_F_ACK;
  private static final int CAPTURED_NETNS_FD = 4;

  static Stream<Arguments> cases() {
    return Stream.of(
        golden("link-add-bridge", w -> RtCodec.newLink(w, NEW, new Bridge(LinkAttrs.named("br1")), RtCodec.NO_NAMESPACE)),
        golden("link-add-bridge-no-snooping", w -> RtCodec.newLink(w, NEW,
            new Bridge(LinkAttrs.named("br2")).withMulticastSnooping(false), RtCodec.NO_NAMESPACE)),
        golden("link-add-veth-peer-in-netns",
            w -> RtCodec.newLink(w, NEW, Veth.pair("vh1", "eth1"), CAPTURED_NETNS_FD)),
        golden("link-add-vxlan", w -> RtCodec.newLink(w, NEW,
            new Vxlan(LinkAttrs.named("vx1"), 42, ip("10.1.1.1"), 2, 4789, false, true), RtCodec.NO_NAMESPACE)),
        golden("link-add-macvlan", w -> RtCodec.newLink(w, NEW,
            new Macvlan(LinkAttrs.named("mv0"), 8, MacvlanMode.BRIDGE), RtCodec.NO_NAMESPACE)),
        golden("link-set-up", w -> RtCodec.changeLink(w, CHANGE, "up", 6, IfFlags.IFF_UP, IfFlags.IFF_UP).end()),
        golden("link-set-down", w -> RtCodec.changeLink(w, CHANGE, "down", 6, 0, IfFlags.IFF_UP).end()),
        golden("link-set-mtu", w -> RtCodec.changeLink(w, CHANGE, "mtu", 6, 0, 0).attrU32(IfLink.IFLA_MTU, 1400).end()),
        golden("link-set-address", w -> RtCodec.changeLink(w, CHANGE, "mac", 6, 0, 0)
            .attr(IfLink.IFLA_ADDRESS, MacAddress.parse("02:11:22:33:44:55").bytes()).end()),
        golden("link-set-name", w -> RtCodec.changeLink(w, CHANGE, "name", 5, 0, 0).attrString(IfLink.IFLA_IFNAME, "d2").end()),
        golden("link-set-master", w -> RtCodec.changeLink(w, CHANGE, "master", 6, 0, 0).attrU32(IfLink.IFLA_MASTER, 2).end()),
        golden("link-set-nomaster", w -> RtCodec.changeLink(w, CHANGE, "nomaster", 6, 0, 0).attrU32(IfLink.IFLA_MASTER, 0).end()),
        golden("link-set-addrgenmode-none", w -> RtCodec.ipv6AddrGenMode(w, CHANGE, 6, Ipv6AddrGenMode.NONE)),
        golden("link-set-netns", w -> RtCodec.changeLink(w, CHANGE, "netns", 5, 0, 0)
            .attrU32(IfLink.IFLA_NET_NS_FD, CAPTURED_NETNS_FD).end()),
        golden("link-del", w -> RtCodec.deleteLink(w, CHANGE, 9)),
        golden("link-set-group", w -> RtCodec.changeLink(w, CHANGE, "group", 6, 0, 0).attrU32(IfLink.IFLA_GROUP, 7).end()),
        golden("link-del-group", w -> RtCodec.deleteGroup(w, CHANGE, 7)),
        golden("addr-add-v4", w -> RtCodec.address(w, Rtnetlink.RTM_NEWADDR, NEW, Address.of(2, ip("10.0.0.2"), 24))),
        golden("addr-add-v6-nodad", w -> RtCodec.address(w, Rtnetlink.RTM_NEWADDR, NEW,
            Address.of(2, ip("2001:db8::3"), 64).withNoDad())),
        golden("addr-del-v4", w -> RtCodec.address(w, Rtnetlink.RTM_DELADDR, CHANGE, Address.of(2, ip("10.0.1.2"), 24))),
        golden("route-add-default-via", w -> RtCodec.newRoute(w, NEW, Route.defaultVia(ip("10.0.0.1")))),
        golden("route-add-onlink", w -> RtCodec.newRoute(w, NEW,
            Route.to(ip("10.9.0.0"), 16).withGateway(ip("10.0.9.1")).withOutputIndex(2).withOnLink())),
        golden("route-del", w -> RtCodec.deleteRoute(w, CHANGE, Route.to(ip("10.8.0.0"), 16).withGateway(ip("10.0.0.1")))),
        golden("neigh-add", w -> RtCodec.neighbour(w, Rtnetlink.RTM_NEWNEIGH, NEW, "add",
            Neighbour.permanent(2, ip("10.0.0.9"), MacAddress.parse("02:00:00:00:00:09")))),
        golden("neigh-replace-v6", w -> RtCodec.neighbour(w, Rtnetlink.RTM_NEWNEIGH, CHANGE | NLM_F_CREATE | NLM_F_REPLACE,
            "replace", new Neighbour(2, ip("2001:db8::9"), MacAddress.parse("02:00:00:00:00:0a"),
                NeighbourConsts.NUD_REACHABLE, 0))),
        golden("neigh-del", w -> RtCodec.neighbour(w, Rtnetlink.RTM_DELNEIGH, CHANGE, "delete",
            Neighbour.permanent(2, ip("10.0.0.9"), null))),
        golden("fdb-add-self-dst", w -> RtCodec.fdb(w, Rtnetlink.RTM_NEWNEIGH, NEW, "add",
            FdbEntry.permanentSelf(4, MacAddress.parse("02:00:00:00:00:0b"), ip("10.1.1.2")))),
        golden("fdb-del", w -> RtCodec.fdb(w, Rtnetlink.RTM_DELNEIGH, CHANGE, "delete",
            FdbEntry.permanentSelf(4, MacAddress.parse("02:00:00:00:00:0b"), ip("10.1.1.2")))),
        golden("bridge-hairpin-on", w -> RtCodec.hairpin(w, CHANGE, 3, true)),
        golden("bridge-hairpin-off", w -> RtCodec.hairpin(w, CHANGE, 3, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void encodingMatchesIproute2(String name, Consumer<NlWriter> encode) throws IOException {
    NlWriter w = new NlWriter();
    encode.accept(w);
    byte[] ours = w.toByteArray();
    byte[] theirs = load(name);
    ignoreNestedFlagWhereOursHasIt(ours, theirs);
    assertThat(HexFormat.of().formatHex(ours)).as(name).isEqualTo(HexFormat.of().formatHex(theirs));
  }

  private static Arguments golden(String name, Consumer<NlWriter> encode) {
    return Arguments.of(name, encode);
  }

  private static byte[] load(String name) throws IOException {
    try (InputStream in = RtGoldenTest.class.getResourceAsStream("golden/" + name + ".hex")) {
      assertThat(in).as("golden file " + name).isNotNull();
      String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
          .filter(l -> !l.startsWith("#")).reduce("", String::concat).strip();
      return HexFormat.of().parseHex(hex);
    }
  }

  /** Clears NLA_F_NESTED in both messages at every attribute where ours sets it (walking our structure). */
  private static void ignoreNestedFlagWhereOursHasIt(byte[] ours, byte[] theirs) {
    ByteBuffer b = ByteBuffer.wrap(ours).order(ByteOrder.nativeOrder());
    int type = Short.toUnsignedInt(b.getShort(4));
    int familyHeader = type < Rtnetlink.RTM_NEWADDR ? IfLink.IFINFOMSG_LENGTH
        : type < Rtnetlink.RTM_NEWROUTE ? IfAddr.IFADDRMSG_LENGTH
        : type < Rtnetlink.RTM_NEWNEIGH ? Rtnetlink.RTMSG_LENGTH : NeighbourConsts.NDMSG_LENGTH;
    walk(b, ours, theirs, Netlink.HEADER_LENGTH + familyHeader, b.getInt(0));
  }

  private static void walk(ByteBuffer b, byte[] ours, byte[] theirs, int from, int to) {
    int pos = from;
    while (pos + 4 <= to) {
      int length = Short.toUnsignedInt(b.getShort(pos));
      int type = Short.toUnsignedInt(b.getShort(pos + 2));
      if (length < 4) {
        return;
      }
      if ((type & Netlink.NLA_F_NESTED) != 0) {
        int cleared = type & ~Netlink.NLA_F_NESTED;
        ByteBuffer.wrap(ours).order(ByteOrder.nativeOrder()).putShort(pos + 2, (short) cleared);
        if (pos + 4 <= theirs.length) {
          ByteBuffer t = ByteBuffer.wrap(theirs).order(ByteOrder.nativeOrder());
          t.putShort(pos + 2, (short) (Short.toUnsignedInt(t.getShort(pos + 2)) & ~Netlink.NLA_F_NESTED));
        }
        walk(b, ours, theirs, pos + 4, pos + length);
      }
      pos += Netlink.align(length);
    }
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
