package dev.lanyard.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.Container;
import dev.lanyard.Network;
import dev.lanyard.NetworkException;
import dev.lanyard.Networks;
import dev.lanyard.inspect.ContainerInspect;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.spi.PortMapping;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published ports beyond the single IPv4 port: ranges, IPv6, host ports held by sockets, 127.0.0.1. Real traffic from an "outside" namespace routed to the host
 * and from the host namespace; sockets bound in the host namespace as a second process would.
 */
@KernelTest
class PortPublishingTest {
  @TempDir
  Path dir;


  /** Whether a TCP socket can be bound to address:port inside {@code ns} (it is closed again at once). */
  private static boolean tcpBindable(NetNs ns, String address, int port) {
    return ns.call(() -> {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        return true;
      } catch (BindException e) {
        return false;
      }
    });
  }

  private static boolean udpBindable(NetNs ns, String address, int port) {
    return ns.call(() -> {
      try (DatagramSocket s = new DatagramSocket(null)) {
        s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        return true;
      } catch (java.net.SocketException e) {
        return false;
      }
    });
  }

  @Test
  void aPortRangeIsOneRuleAndEveryPortOfItReachesTheContainer(Lab lab, LabNamespace host, LabNamespace outside)
      throws Exception {
    Uplink.wire(host, outside);
    try (Networks networks = Controllers.open(dir, lab, host); NetNs out = NetNs.open(outside.path())) {
      networks.newNetwork("web").option("com.docker.network.bridge.name", "brweb").create();
      Container c = networks.run("web1", o -> o.network("web", e -> e
          .publish(new PortMapping(8000, 8010, "tcp", "", 8000, 8010))
          .publish(new PortMapping(7000, 7001, "tcp", "", 9000, 9001))));
      assertThat(BridgeTrafficTest.reaches(host, c.endpoints().get(0).ipv4().orElseThrow().address().getHostAddress())).isTrue();
      try (NetNs inside = NetNs.open(c.namespacePath()); ServerSocket first = Uplink.echoPeer(inside, 8000);
          ServerSocket last = Uplink.echoPeer(inside, 8010); ServerSocket moved = Uplink.echoPeer(inside, 7001)) {
        assertThat(Uplink.fetch(out, Uplink.HOST_IP, 8000)).contains(Uplink.OUTSIDE_IP);
        assertThat(Uplink.fetch(out, Uplink.HOST_IP, 8010)).contains(Uplink.OUTSIDE_IP);
        assertThat(Uplink.fetch(out, Uplink.HOST_IP, 9001)).contains(Uplink.OUTSIDE_IP);
        assertThat(Uplink.fetch(out, Uplink.HOST_IP, 8011)).isEmpty();
      }
      JsonNode dnat = LabNamespace.json(List.of("ip", "netns", "exec", host.name(), "nft", "-j", "list", "chain", "ip",
          FirewallPlan.TABLE, FirewallPlan.DNAT_CHAIN));
      long rules = 0;
      for (JsonNode item : dnat.get("nftables")) {
        rules += item.has("rule") ? 1 : 0;
      }
      assertThat(rules).as("one DNAT rule per mapping, ranges included").isEqualTo(2);
      ContainerInspect inspect = c.inspect();
      assertThat(inspect.networkSettings().ports()).hasSize(13).containsKeys("8000/tcp", "8010/tcp", "7001/tcp");
      assertThat(inspect.networkSettings().ports().get("7001/tcp").get(0).hostPort()).isEqualTo("9001");
      assertThat(host.nft("list", "map", "ip", FirewallPlan.TABLE, "dnat-ports__tcp-9000").orFail().stdout())
          .contains("9000 : 7000, 9001 : 7001");
      // unpublished with the endpoint: the moved range's map goes with its rule
      networks.network("web").disconnect(c);
      assertThat(host.nft("list", "ruleset").orFail().stdout()).doesNotContain("dnat-ports").doesNotContain("8000-8010");
    }
  }

  @Test
  void ipv6PublishedPortAnswersOverIpv6FromOutside(Lab lab, LabNamespace host, LabNamespace outside) throws Exception {
    Uplink.wire(host, outside);
    Uplink.wire6(host, outside);
    try (Networks networks = Controllers.open(dir, lab, host); NetNs out = NetNs.open(outside.path());
        NetNs hostNs = NetNs.open(host.path())) {
      networks.newNetwork("six").ipv6().subnet("192.0.2.0/24").subnet("fd00:db8:6::/64").create();
      Container c = networks.run("c1", o -> o.network("six", e -> e.publish(8080, 80, "tcp")));
      // the new bridge port forwards once the link watch has seen its carrier (see BridgeTrafficTest.reaches)
      assertThat(BridgeTrafficTest.reaches(host, c.endpoints().get(0).ipv6().orElseThrow().address().getHostAddress())).isTrue();
      try (NetNs inside = NetNs.open(c.namespacePath()); ServerSocket server = Uplink.echoPeer(inside, 80)) {
        // the container saw the outside's own address (Java prints it uncompressed)
        assertThat(Uplink.fetch(out, Uplink.HOST_IP6, 8080).map(dev.lanyard.net.IpPrefix::parseAddress))
            .contains(dev.lanyard.net.IpPrefix.parseAddress(Uplink.OUTSIDE_IP6));
        assertThat(Uplink.fetch(out, Uplink.HOST_IP, 8080)).contains(Uplink.OUTSIDE_IP);
        assertThat(Uplink.fetch(hostNs, Uplink.HOST_IP6, 8080)).isPresent();
      }
      assertThat(c.inspect().networkSettings().ports().get("80/tcp"))
          .extracting(ContainerInspect.PortBinding::hostIp).containsExactly("0.0.0.0", "::");
    }
  }

  @Test
  void aPublishedPortIsHeldBySocketsUntilUnpublishedAndAgainAfterReopen(Lab lab, LabNamespace host) {
    try (NetNs hostNs = NetNs.open(host.path())) {
      try (Networks networks = Controllers.open(dir, lab, host)) {
        Network n = networks.newNetwork("web").create();
        Container c = networks.run("c1", o -> o.network("web", e -> e.publish(8080, 80, "tcp").publish(5353, 53, "udp")));
        assertThat(tcpBindable(hostNs, "0.0.0.0", 8080)).isFalse();
        assertThat(tcpBindable(hostNs, "127.0.0.1", 8080)).isFalse();
        assertThat(udpBindable(hostNs, "0.0.0.0", 5353)).isFalse();
        assertThat(tcpBindable(hostNs, "0.0.0.0", 8081)).isTrue();
        n.disconnect(c);
        assertThat(tcpBindable(hostNs, "0.0.0.0", 8080)).isTrue();
        assertThat(udpBindable(hostNs, "0.0.0.0", 5353)).isTrue();
        n.connect(c, e -> e.publish(8080, 80, "tcp"));
        assertThat(tcpBindable(hostNs, "0.0.0.0", 8080)).isFalse();
      }
      // closing the controller lets the port go; the next one restores the endpoint's ports and takes it again
      assertThat(tcpBindable(hostNs, "0.0.0.0", 8080)).isTrue();
      try (Networks networks = Controllers.open(dir, lab, host)) {
        assertThat(networks.container("c1").inspect().networkSettings().ports()).containsKey("80/tcp");
        assertThat(tcpBindable(hostNs, "0.0.0.0", 8080)).isFalse();
      }
    }
  }

  @Test
  void aPortBoundByAnotherProcessIsRefusedWithDockersErrorAndNothingChanges(Lab lab, LabNamespace host)
      throws IOException {
    try (NetNs hostNs = NetNs.open(host.path()); Networks networks = Controllers.open(dir, lab, host);
        ServerSocket squatter = hostNs.call(() -> new ServerSocket(8090, 5, InetAddress.getByName("0.0.0.0")))) {
      networks.newNetwork("a").create();
      Network b = networks.newNetwork("b").create();
      Container c = networks.run("c1", o -> o.network("a"));
      JsonNode before = GoldenRulesetTest.normalise(host.nftRuleset());
      assertThatThrownBy(() -> b.connect(c, e -> e.publish(9090, 90, "tcp").publish(8090, 80, "tcp")))
          .isInstanceOf(NetworkException.class)
          .hasMessageStartingWith("driver failed programming external connectivity on endpoint c1 (")
          .hasMessageEndingWith("): failed to bind host port 0.0.0.0:8090/tcp: address already in use");
      assertThat(GoldenRulesetTest.normalise(host.nftRuleset())).isEqualTo(before);
      assertThat(c.endpoints()).hasSize(1);
      // the mapping before the refused one was let go too
      assertThat(tcpBindable(hostNs, "0.0.0.0", 9090)).isTrue();
      assertThat(squatter.isBound()).isTrue();
    }
  }

  @Test
  void aPortPublishedOn127001AnswersFromTheHostOnly(Lab lab, LabNamespace host, LabNamespace outside)
      throws Exception {
    Uplink.wire(host, outside);
    try (Networks networks = Controllers.open(dir, lab, host); NetNs out = NetNs.open(outside.path());
        NetNs hostNs = NetNs.open(host.path())) {
      networks.newNetwork("lo").option("com.docker.network.bridge.name", "brlo").create();
      Container c = networks.run("c1", o -> o.network("lo", e -> e.publish("127.0.0.1", 8082, 80, "tcp")));
      assertThat(BridgeTrafficTest.reaches(host, c.endpoints().get(0).ipv4().orElseThrow().address().getHostAddress())).isTrue();
      try (NetNs inside = NetNs.open(c.namespacePath()); ServerSocket server = Uplink.echoPeer(inside, 80)) {
        // the container sees the bridge's address: the loopback source was masqueraded on the way out
        String gateway = c.endpoints().get(0).ipv4Gateway().orElseThrow().getHostAddress();
        assertThat(Uplink.fetch(hostNs, "127.0.0.1", 8082)).contains(gateway);
        assertThat(Uplink.fetch(out, Uplink.HOST_IP, 8082)).isEmpty();
      }
      assertThat(host.exec("cat", "/proc/sys/net/ipv4/conf/brlo/route_localnet").stdout().trim()).isEqualTo("1");
      assertThat(c.inspect().networkSettings().ports().get("80/tcp").get(0).hostIp()).isEqualTo("127.0.0.1");
    }
  }


}
