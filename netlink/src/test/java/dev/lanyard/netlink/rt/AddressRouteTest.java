package dev.lanyard.netlink.rt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.netlink.LibC;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KernelTest
class AddressRouteTest extends RtScratch {
  private int br;

  @BeforeEach
  void addBridge() {
    br = rt.add(new Bridge(LinkAttrs.named("br0").withUp(true))).index();
  }

  @Test
  void ipv4AddressIsAddedListedAndDeleted() throws Exception {
    Address a = Address.of(br, InetAddress.getByName("10.20.0.1"), 16);
    rt.addAddress(a);
    assertThat(oracleAddresses("inet")).containsExactly("10.20.0.1/16");
    assertThat(rt.addresses(LibC.AF_INET)).filteredOn(x -> x.linkIndex() == br)
        .extracting(Address::address, Address::prefixLength)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(InetAddress.getByName("10.20.0.1"), 16));
    rt.deleteAddress(a);
    assertThat(oracleAddresses("inet")).isEmpty();
  }

  @Test
  void ipv6AddressWithNoDadIsNotTentative() throws Exception {
    Address a = Address.of(br, InetAddress.getByName("2001:db8::1"), 64).withNoDad();
    rt.addAddress(a);
    JsonNode info = addrInfo("inet6", "2001:db8::1");
    assertThat(info.path("prefixlen").asInt()).isEqualTo(64);
    assertThat(info.path("nodad").asBoolean()).isTrue();
    assertThat(info.has("tentative")).isFalse();
    Address read = rt.addresses(LibC.AF_INET6).stream()
        .filter(x -> x.address().equals(a.address())).findFirst().orElseThrow();
    assertThat(read.flags() & IfAddr.IFA_F_NODAD).isEqualTo(IfAddr.IFA_F_NODAD);
    rt.deleteAddress(a);
    assertThat(oracleAddresses("inet6")).doesNotContain("2001:db8::1/64");
  }

  @Test
  void defaultRouteViaGatewayIsAddedListedAndDeleted() throws Exception {
    rt.addAddress(Address.of(br, InetAddress.getByName("10.20.0.2"), 16));
    Route route = Route.defaultVia(InetAddress.getByName("10.20.0.1"));
    rt.addRoute(route);
    JsonNode seen = route("default");
    assertThat(seen.path("gateway").asText()).isEqualTo("10.20.0.1");
    assertThat(seen.path("dev").asText()).isEqualTo("br0");
    Route read = mainRoutes().stream().filter(Route::isDefault).findFirst().orElseThrow();
    assertThat(read.gateway()).isEqualTo(InetAddress.getByName("10.20.0.1"));
    assertThat(read.outputIndex()).isEqualTo(br);
    rt.deleteRoute(route);
    assertThat(routeDestinations()).doesNotContain("default");
  }

  @Test
  void onlinkRouteNeedsNoCoveringPrefix() throws Exception {
    Route route = Route.to(InetAddress.getByName("10.9.0.0"), 16).withGateway(InetAddress.getByName("192.0.2.1"))
        .withOutputIndex(br).withOnLink();
    rt.addRoute(route);
    JsonNode seen = route("10.9.0.0/16");
    assertThat(seen.path("gateway").asText()).isEqualTo("192.0.2.1");
    assertThat(seen.path("flags").toString()).contains("onlink");
    Route read = mainRoutes().stream().filter(r -> !r.isDefault() && r.prefixLength() == 16).findFirst().orElseThrow();
    assertThat(read.flags() & Rtnetlink.RTNH_F_ONLINK).isEqualTo(Rtnetlink.RTNH_F_ONLINK);
    assertThat(read.destination()).isEqualTo(InetAddress.getByName("10.9.0.0"));
    rt.deleteRoute(route);
    assertThat(routeDestinations()).doesNotContain("10.9.0.0/16");
  }

  @Test
  void ipv6RouteViaGateway() throws Exception {
    rt.addAddress(Address.of(br, InetAddress.getByName("2001:db8::2"), 64).withNoDad());
    Route route = Route.to(InetAddress.getByName("2001:db8:1::"), 48).withGateway(InetAddress.getByName("2001:db8::1"));
    rt.addRoute(route);
    JsonNode routes = LabNamespace.json(List.of("ip", "-n", scratch.name(), "-j", "-6", "route", "show", "2001:db8:1::/48"));
    assertThat(routes.get(0).path("gateway").asText()).isEqualTo("2001:db8::1");
    assertThat(rt.routes(LibC.AF_INET6)).anyMatch(r -> r.prefixLength() == 48 && route.gateway().equals(r.gateway()));
  }

  private List<Route> mainRoutes() {
    return rt.routes(LibC.AF_INET).stream().filter(r -> r.table() == Rtnetlink.RT_TABLE_MAIN).toList();
  }

  private List<String> routeDestinations() {
    List<String> out = new ArrayList<>();
    scratch.ip("route", "show").forEach(r -> out.add(r.path("dst").asText()));
    return out;
  }

  private JsonNode route(String dst) {
    for (JsonNode r : scratch.ip("route", "show")) {
      if (r.path("dst").asText().equals(dst)) {
        return r;
      }
    }
    throw new AssertionError("no route " + dst + " in " + scratch.ip("route", "show"));
  }

  private List<String> oracleAddresses(String family) {
    List<String> out = new ArrayList<>();
    for (JsonNode info : scratch.ip("addr", "show", "dev", "br0").get(0).path("addr_info")) {
      if (info.path("family").asText().equals(family) && !info.path("scope").asText().equals("link")) {
        out.add(info.path("local").asText() + "/" + info.path("prefixlen").asInt());
      }
    }
    return out;
  }

  private JsonNode addrInfo(String family, String local) {
    for (JsonNode info : scratch.ip("addr", "show", "dev", "br0").get(0).path("addr_info")) {
      if (info.path("family").asText().equals(family) && info.path("local").asText().equals(local)) {
        return info;
      }
    }
    throw new AssertionError("no address " + local);
  }
}
