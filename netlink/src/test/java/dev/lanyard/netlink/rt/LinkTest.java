package dev.lanyard.netlink.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

@KernelTest
class LinkTest extends RtScratch {
  @Test
  void bridgeIsCreatedListedAndFoundByNameAndIndex() {
    Link made = rt.add(new Bridge(LinkAttrs.named("br0").withMtu(1400)));
    JsonNode seen = link("br0");
    assertThat(seen.path("linkinfo").path("info_kind").asText()).isEqualTo("bridge");
    assertThat(seen.path("ifindex").asInt()).isEqualTo(made.index());
    assertThat(seen.path("mtu").asInt()).isEqualTo(1400);
    assertThat(made).isInstanceOf(Bridge.class);

    assertThat(rt.link("br0")).isInstanceOf(Bridge.class).extracting(Link::index).isEqualTo(made.index());
    Link byIndex = rt.link(made.index());
    assertThat(byIndex.name()).isEqualTo("br0");
    assertThat(byIndex.attrs().mac()).hasToString(seen.path("address").asText());
    List<String> names = new ArrayList<>();
    rt.links().forEach(l -> names.add(l.name()));
    assertThat(names).containsExactlyInAnyOrder("lo", "br0");
    assertThat(rt.link("lo")).isInstanceOf(GenericLink.class).extracting(Link::kind).isEqualTo("");
  }

  @Test
  void vethPeerIsCreatedInsideAnotherNamespaceWithItsOwnName(LabNamespace other) {
    try (NetNs otherNs = NetNs.open(other.path())) {
      Veth local = rt.addVeth(Veth.pair("vh0", "eth7"), otherNs);
      JsonNode peer = LabNamespace.json(List.of("ip", "-n", other.name(), "-j", "-d", "link", "show", "eth7")).get(0);
      assertThat(peer.path("linkinfo").path("info_kind").asText()).isEqualTo("veth");
      assertThat(local.peer().index()).isEqualTo(peer.path("ifindex").asInt());
      assertThat(link("vh0").path("link_index").asInt()).isEqualTo(peer.path("ifindex").asInt());
      assertThat(scratch.ip("link", "show").toString()).doesNotContain("eth7");
    }
  }

  @Test
  void vethIndexesChosenByTheCallerAreUsedOnBothSides(LabNamespace other) {
    try (NetNs otherNs = NetNs.open(other.path())) {
      rt.addVeth(new Veth(LinkAttrs.named("vh0").withIndex(4242), LinkAttrs.named("eth0").withIndex(77)), otherNs);
    }
    assertThat(link("vh0").path("ifindex").asInt()).isEqualTo(4242);
    JsonNode peer = LabNamespace.json(List.of("ip", "-n", other.name(), "-j", "link", "show", "eth0")).get(0);
    assertThat(peer.path("ifindex").asInt()).isEqualTo(77);
  }

  @Test
  void linkIsCreatedUpAndEnslavedInOneMessage() {
    Link br = rt.add(new Bridge(LinkAttrs.named("br0").withUp(true)));
    rt.add(new Veth(LinkAttrs.named("vh0").withUp(true).withMaster(br.index()), LinkAttrs.named("vp0")));
    JsonNode host = link("vh0");
    assertThat(host.path("master").asText()).isEqualTo("br0");
    assertThat(host.path("flags").toString()).contains("\"UP\"");
    assertThat(rt.link("vh0").attrs().masterIndex()).isEqualTo(br.index());
  }

  @Test
  void vxlanCarriesIdLocalDevicePortLearningAndProxy() throws Exception {
    Link br = rt.add(new Bridge(LinkAttrs.named("br0")));
    rt.add(new Vxlan(LinkAttrs.named("vx0"), 4242, InetAddress.getByName("10.1.1.1"), br.index(), 4789, false, true));
    JsonNode data = link("vx0").path("linkinfo").path("info_data");
    assertThat(data.path("id").asInt()).isEqualTo(4242);
    assertThat(data.path("local").asText()).isEqualTo("10.1.1.1");
    assertThat(data.path("link").asText()).isEqualTo("br0");
    assertThat(data.path("port").asInt()).isEqualTo(4789);
    assertThat(data.path("learning").asBoolean()).isFalse();
    assertThat(data.path("proxy").asBoolean()).isTrue();
    Vxlan read = (Vxlan) rt.link("vx0");
    assertThat(read.vni()).isEqualTo(4242);
    assertThat(read.local()).isEqualTo(InetAddress.getByName("10.1.1.1"));
    assertThat(read.deviceIndex()).isEqualTo(br.index());
    assertThat(read.port()).isEqualTo(4789);
    assertThat(read.learning()).isFalse();
    assertThat(read.proxy()).isTrue();
  }

  @Test
  void macvlanHasModeAndParent() {
    Link parent = rt.add(new Veth(LinkAttrs.named("p0"), LinkAttrs.named("p1")));
    rt.add(new Macvlan(LinkAttrs.named("mv0"), parent.index(), MacvlanMode.BRIDGE));
    JsonNode seen = link("mv0");
    assertThat(seen.path("linkinfo").path("info_data").path("mode").asText()).isEqualTo("bridge");
    assertThat(seen.path("link").asText()).isEqualTo("p0");
    Macvlan read = (Macvlan) rt.link("mv0");
    assertThat(read.parentIndex()).isEqualTo(parent.index());
    assertThat(read.mode()).isEqualTo(MacvlanMode.BRIDGE);
  }

  @Test
  void upDownMtuMacAndNameChange() {
    int index = rt.add(new Veth(LinkAttrs.named("d0"), LinkAttrs.named("d1"))).index();
    rt.setUp(index);
    assertThat(link("d0").path("flags").toString()).contains("\"UP\"");
    assertThat(rt.link(index).attrs().isUp()).isTrue();
    rt.setDown(index);
    assertThat(link("d0").path("flags").toString()).doesNotContain("\"UP\"");
    rt.setMtu(index, 1280);
    assertThat(link("d0").path("mtu").asInt()).isEqualTo(1280);
    rt.setMac(index, MacAddress.parse("02:11:22:33:44:55"));
    assertThat(link("d0").path("address").asText()).isEqualTo("02:11:22:33:44:55");
    rt.setName(index, "renamed0");
    assertThat(link("renamed0").path("ifindex").asInt()).isEqualTo(index);
    assertThat(rt.link(index).name()).isEqualTo("renamed0");
  }

  @Test
  void masterAndNoMaster() {
    int br = rt.add(new Bridge(LinkAttrs.named("br0"))).index();
    int port = rt.add(new Veth(LinkAttrs.named("d0"), LinkAttrs.named("d1"))).index();
    rt.setMaster(port, br);
    assertThat(link("d0").path("master").asText()).isEqualTo("br0");
    rt.setNoMaster(port);
    assertThat(link("d0").has("master")).isFalse();
    assertThat(rt.link(port).attrs().masterIndex()).isZero();
  }

  @Test
  void linkMovesToAnotherNamespace(LabNamespace other) {
    int index = rt.add(new Veth(LinkAttrs.named("d0"), LinkAttrs.named("d1"))).index();
    try (NetNs otherNs = NetNs.open(other.path())) {
      rt.moveTo(index, otherNs);
    }
    assertThat(scratch.ip("link", "show").toString()).doesNotContain("\"d0\"");
    JsonNode moved = LabNamespace.json(List.of("ip", "-n", other.name(), "-j", "link", "show", "d0"));
    assertThat(moved.get(0).path("ifname").asText()).isEqualTo("d0");
  }

  @Test
  void aHandleOpenedAsynchronouslyWorksInItsNamespace(LabNamespace other) {
    other.exec("ip", "link", "add", "brother", "type", "bridge").orFail();
    try (NetNs otherNs = NetNs.open(other.path()); RtNetlink there = RtNetlink.openInAsync(otherNs).join()) {
      assertThat(there.link("brother")).isInstanceOf(Bridge.class);
      assertThat(there.links()).extracting(Link::name).doesNotContain("br0");
    }
  }

  @Test
  void deleteRemovesTheLink() {
    int index = rt.add(new Bridge(LinkAttrs.named("br0"))).index();
    rt.delete(index);
    assertThat(scratch.ip("link", "show").toString()).doesNotContain("br0");
  }

  @Test
  void deletingAGroupRemovesItsLinksWithTheirPeersAndNothingElse(LabNamespace other) {
    try (NetNs otherNs = NetNs.open(other.path())) {
      for (String name : List.of("va", "vb", "vc")) {
        rt.addVeth(Veth.pair(name, "p" + name), otherNs);
      }
    }
    rt.request().setGroup(rt.link("va").index(), 7).setGroup(rt.link("vb").index(), 7).execute();
    assertThat(link("va").path("group").asText()).isEqualTo("7");
    assertThat(link("vc").path("group").asText()).isEqualTo("default");

    rt.deleteGroup(7);

    assertThat(scratch.ip("link", "show").toString()).doesNotContain("\"va\"", "\"vb\"").contains("\"vc\"");
    String peers = LabNamespace.json(List.of("ip", "-n", other.name(), "-j", "link", "show")).toString();
    assertThat(peers).doesNotContain("\"pva\"", "\"pvb\"").contains("\"pvc\"");
    assertThatThrownBy(() -> rt.deleteGroup(7)).isInstanceOf(ErrnoException.class)
        .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.ENODEV));
    assertThatThrownBy(() -> rt.request().deleteGroup(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group 0");
  }

  @Test
  void hairpinOnAndOffOnABridgePort() {
    int br = rt.add(new Bridge(LinkAttrs.named("br0"))).index();
    int port = rt.add(new Veth(LinkAttrs.named("d0").withMaster(br), LinkAttrs.named("d1"))).index();
    rt.setHairpin(port, true);
    assertThat(hairpin("d0")).isTrue();
    rt.setHairpin(port, false);
    assertThat(hairpin("d0")).isFalse();
  }

  @Test
  void bridgeMulticastSnoopingIsSetOnCreationAndReadBack() {
    Bridge quiet = (Bridge) rt.add(new Bridge(LinkAttrs.named("br0")).withMulticastSnooping(false));
    Bridge plain = (Bridge) rt.add(new Bridge(LinkAttrs.named("br1")));
    assertThat(link("br0").path("linkinfo").path("info_data").path("mcast_snooping").asInt()).isZero();
    assertThat(link("br1").path("linkinfo").path("info_data").path("mcast_snooping").asInt()).isEqualTo(1);
    assertThat(quiet.multicastSnooping()).isFalse();
    assertThat(plain.multicastSnooping()).isTrue();
  }

  @Test
  void ipv6AddrGenModeNoneLeavesALinkWithoutLinkLocalAddress() {
    int quiet = rt.add(new Veth(LinkAttrs.named("d0"), LinkAttrs.named("d1"))).index();
    rt.setIpv6AddrGenMode(quiet, Ipv6AddrGenMode.NONE);
    assertThat(link("d0").path("inet6_addr_gen_mode").asText()).isEqualTo("none");
    assertThat(link("d1").path("inet6_addr_gen_mode").asText()).isEqualTo("eui64");
    rt.request().setUp(quiet).setUp(rt.link("d1").index()).execute();
    awaitOperUp("d0");
    awaitOperUp("d1");
    // once the carrier is seen, d1 makes its fe80:: address (tentative while DAD runs); d0 makes none
    assertThat(inet6Addresses("d1")).anyMatch(a -> a.startsWith("fe80:"));
    assertThat(inet6Addresses("d0")).isEmpty();
  }

  @Test
  void aPortCreatedDownGetsAddrGenModeAndComesUpInOneRequest() {
    int br = rt.add(new Bridge(LinkAttrs.named("br0").withUp(true))).index();
    RtRequest attach = rt.request()
        .addLink(new Veth(LinkAttrs.named("d0").withIndex(4243).withMaster(br), LinkAttrs.named("d3")))
        .setIpv6AddrGenMode(4243, Ipv6AddrGenMode.NONE)
        .setUp(4243);
    assertThat(attach.size()).isEqualTo(3);
    attach.execute();
    rt.setUp(rt.link("d3").index());
    awaitOperUp("d0");
    awaitOperUp("d3");
    JsonNode port = link("d0");
    assertThat(port.path("master").asText()).isEqualTo("br0");
    assertThat(port.path("flags").toString()).contains("\"UP\"", "\"LOWER_UP\"");
    assertThat(port.path("inet6_addr_gen_mode").asText()).isEqualTo("none");
    assertThat(inet6Addresses("d0")).isEmpty();
    assertThat(inet6Addresses("d3")).anyMatch(a -> a.startsWith("fe80:"));
  }

  @Test
  void ipv4DevConfIsSetOverNetlinkForThatLinkOnly() {
    int br = rt.add(new Bridge(LinkAttrs.named("br0"))).index();
    assertThat(scratch.exec("cat", "/proc/sys/net/ipv4/conf/br0/route_localnet").stdout().trim()).isEqualTo("0");
    rt.request().setIpv4DevConf(br, Ipv4DevConf.ROUTE_LOCALNET, 1).execute();
    assertThat(scratch.exec("cat", "/proc/sys/net/ipv4/conf/br0/route_localnet").stdout().trim()).isEqualTo("1");
    assertThat(scratch.exec("cat", "/proc/sys/net/ipv4/conf/lo/route_localnet").stdout().trim()).isEqualTo("0");
    assertThatThrownBy(() -> rt.request().setIpv4DevConf(br, 0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("link " + br);
  }

  @Test
  void aMissingAddrGenModeIsRefusedBeforeAnythingIsSent() {
    RtRequest request = rt.request();
    assertThatThrownBy(() -> request.setIpv6AddrGenMode(1, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("link 1");
    assertThat(request.size()).isZero();
  }

  /**
   * Waits until the kernel's link watch has handled the carrier of {@code name} (operstate UP): IPv6
   * makes link-local addresses in that same step, so after it their absence means something.
   */
  private void awaitOperUp(String name) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (rt.link(name).attrs().operState() != OperState.UP) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not become operationally up");
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  private List<String> inet6Addresses(String name) {
    List<String> found = new ArrayList<>();
    // ip lists a link only if it has an address of the family asked for
    for (JsonNode link : scratch.ip("-6", "addr", "show", "dev", name)) {
      for (JsonNode a : link.path("addr_info")) {
        found.add(a.path("local").asText());
      }
    }
    return found;
  }

  private boolean hairpin(String name) {
    for (JsonNode port : scratch.bridge("-d", "link", "show")) {
      if (port.path("ifname").asText().equals(name)) {
        return port.path("hairpin").asBoolean();
      }
    }
    throw new AssertionError("bridge link show has no port " + name);
  }

  private JsonNode link(String name) {
    return scratch.ip("link", "show", name).get(0);
  }
}
