package dev.lanyard.netlink.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.netlink.LibC;
import dev.lanyard.netlink.Netlink;
import dev.lanyard.netlink.NlMessage;
import dev.lanyard.netlink.NlWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/** Encode a value as the request the toolkit sends, parse that message back: the same value. */
class RtCodecProperties {
  private static final int FLAGS = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK;

  @Property
  void linksRoundTrip(@ForAll("links") Link link) {
    NlWriter w = new NlWriter();
    RtCodec.newLink(w, FLAGS, link, RtCodec.NO_NAMESPACE);
    assertThat(RtCodec.parseLink(message(w))).isEqualTo(link);
  }

  @Property
  void addressesRoundTrip(@ForAll("addresses") Address address) {
    NlWriter w = new NlWriter();
    RtCodec.address(w, Rtnetlink.RTM_NEWADDR, FLAGS, address);
    assertThat(RtCodec.parseAddress(message(w))).isEqualTo(address);
  }

  @Property
  void routesRoundTrip(@ForAll("routes") Route route) {
    NlWriter w = new NlWriter();
    RtCodec.newRoute(w, FLAGS, route);
    assertThat(RtCodec.parseRoute(message(w))).isEqualTo(route);
  }

  @Property
  void neighboursRoundTrip(@ForAll("neighbours") Neighbour neighbour) {
    NlWriter w = new NlWriter();
    RtCodec.neighbour(w, Rtnetlink.RTM_NEWNEIGH, FLAGS, "add", neighbour);
    assertThat(RtCodec.parseNeighbour(message(w))).isEqualTo(neighbour);
  }

  @Property
  void fdbEntriesRoundTrip(@ForAll("fdbEntries") FdbEntry entry) {
    NlWriter w = new NlWriter();
    RtCodec.fdb(w, Rtnetlink.RTM_NEWNEIGH, FLAGS, "add", entry);
    assertThat(RtCodec.parseFdb(message(w))).isEqualTo(entry);
  }

  @Property
  void macAddressTextRoundTrips(@ForAll @LongRange(min = 0, max = 0xffff_ffff_ffffL) long bits) {
    MacAddress mac = new MacAddress(bits);
    assertThat(MacAddress.parse(mac.toString())).isEqualTo(mac);
    assertThat(MacAddress.of(mac.bytes())).isEqualTo(mac);
  }

  @Property
  void namesOver15BytesAreRejectedNamingThem(@ForAll @StringLength(min = 16, max = 40) String tail) {
    String name = ("x" + tail.replaceAll("[^A-Za-z0-9]", "y")).substring(0, 16);
    assertThatThrownBy(() -> LinkAttrs.named(name)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  @Property
  void multiByteNamesCountBytesNotChars(@ForAll @StringLength(min = 6, max = 15) String ascii) {
    String name = "é".repeat(8); // 8 characters, 16 bytes
    assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(16);
    assertThatThrownBy(() -> LinkAttrs.named(name)).isInstanceOf(IllegalArgumentException.class);
    String valid = ascii.replaceAll("[^A-Za-z0-9]", "y");
    assertThat(LinkAttrs.named(valid).name()).isEqualTo(valid);
  }

  // ---- generators ----

  @Provide
  Arbitrary<Link> links() {
    Arbitrary<LinkAttrs> attrs = attrs(true);
    Arbitrary<Link> bridge = Combinators.combine(attrs, Arbitraries.of(true, false).injectNull(0.3)).as(Bridge::new);
    Arbitrary<Link> veth = Combinators.combine(attrs, attrs(false)).as(Veth::new);
    Arbitrary<Link> vxlan = Combinators.combine(attrs, Arbitraries.integers().between(0, Vxlan.MAX_VNI),
        Arbitraries.oneOf(ipv4(), ipv6()).injectNull(0.3), Arbitraries.integers().between(0, 1000),
        Arbitraries.integers().between(0, 65535), Arbitraries.of(true, false), Arbitraries.of(true, false))
        .as(Vxlan::new);
    Arbitrary<Link> macvlan = Combinators.combine(attrs, Arbitraries.integers().between(1, 100_000),
        Arbitraries.of(MacvlanMode.class)).as(Macvlan::new);
    Arbitrary<Link> generic = Combinators.combine(attrs, Arbitraries.of("dummy", "ifb", "bond", "ipvlan"))
        .as(GenericLink::new);
    return Arbitraries.oneOf(bridge, veth, vxlan, macvlan, generic);
  }

  private Arbitrary<LinkAttrs> attrs(boolean mayBeUp) {
    Arbitrary<String> names = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_-.")
        .ofMinLength(1).ofMaxLength(15).filter(n -> !n.equals(".") && !n.equals(".."));
    Arbitrary<MacAddress> macs = Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(MacAddress::new).injectNull(0.3);
    return Combinators.combine(Arbitraries.integers().between(0, 1_000_000), names,
        Arbitraries.integers().between(0, 65535), macs,
        mayBeUp ? Arbitraries.of(0, IfFlags.IFF_UP) : Arbitraries.just(0), Arbitraries.integers().between(0, 1_000_000))
        .as((index, name, mtu, mac, flags, master) ->
            new LinkAttrs(index, name, mtu, mac, flags, mayBeUp ? master : 0, OperState.UNKNOWN));
  }

  @Provide
  Arbitrary<Address> addresses() {
    Arbitrary<Address> v4 = Combinators.combine(index(), ipv4(), Arbitraries.integers().between(0, 32),
        Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 255)).as(Address::new);
    Arbitrary<Address> v6 = Combinators.combine(index(), ipv6(), Arbitraries.integers().between(0, 128),
        Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 255)).as(Address::new);
    return Arbitraries.oneOf(v4, v6);
  }

  @Provide
  Arbitrary<Route> routes() {
    return Arbitraries.oneOf(routes(LibC.AF_INET, ipv4(), 32), routes(LibC.AF_INET6, ipv6(), 128));
  }

  private Arbitrary<Route> routes(int family, Arbitrary<InetAddress> addresses, int maxPrefix) {
    Arbitrary<Integer> prefix = Arbitraries.integers().between(0, maxPrefix);
    Arbitrary<Route> base = Combinators.combine(addresses, prefix, addresses.injectNull(0.3),
        Arbitraries.integers().between(0, 100_000), Arbitraries.integers(), Arbitraries.integers().between(0, 255))
        .as((dst, len, gw, oif, table, protocol) -> new Route(family, len == 0 ? null : dst, len, gw, oif, table,
            protocol, Rtnetlink.RT_SCOPE_UNIVERSE, Rtnetlink.RTN_UNICAST, 0, 0));
    return Combinators.combine(base, Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
        Arbitraries.of(0, Rtnetlink.RTNH_F_ONLINK), Arbitraries.integers())
        .as((r, scope, type, flags, priority) -> new Route(r.family(), r.destination(), r.prefixLength(), r.gateway(),
            r.outputIndex(), r.table(), r.protocol(), scope, type, flags, priority));
  }

  @Provide
  Arbitrary<Neighbour> neighbours() {
    return Combinators.combine(index(), Arbitraries.oneOf(ipv4(), ipv6()), mac().injectNull(0.2),
        Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 255)).as(Neighbour::new);
  }

  @Provide
  Arbitrary<FdbEntry> fdbEntries() {
    return Combinators.combine(index(), mac(), Arbitraries.oneOf(ipv4(), ipv6()).injectNull(0.4),
        Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 255)).as(FdbEntry::new);
  }

  private static Arbitrary<Integer> index() {
    return Arbitraries.integers().between(1, 1_000_000);
  }

  private static Arbitrary<MacAddress> mac() {
    return Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(MacAddress::new);
  }

  private static Arbitrary<InetAddress> ipv4() {
    return Arbitraries.bytes().array(byte[].class).ofSize(4).map(RtCodecProperties::address);
  }

  private static Arbitrary<InetAddress> ipv6() {
    // the first byte avoids ::ffff:a.b.c.d, which Java turns into an IPv4 address
    return Arbitraries.bytes().array(byte[].class).ofSize(16).map(b -> {
      b[0] = (byte) 0x20;
      return address(b);
    });
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static NlMessage message(NlWriter w) {
    return new NlMessage(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder()));
  }
}
