package dev.lanyard.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.Container;
import dev.lanyard.Network;
import dev.lanyard.Networks;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real traffic between containers, networks, the host and an "outside" namespace routed to the host. */
@KernelTest
class BridgeTrafficTest {
  @TempDir
  Path dir;

  private static String ip(Container c, Network n) {
    return c.endpoints().stream().filter(e -> e.networkId().equals(n.id())).findFirst().orElseThrow()
        .ipv4().orElseThrow().address().getHostAddress();
  }

  /**
   * Pings until one answer or 3 s: a new bridge port forwards only once the kernel's link watch has seen
   * the veth's carrier, which can take up to a second after connect returns (the same holds in Docker).
   */
  static boolean reaches(LabNamespace from, String address) {
    return from.exec("ping", "-c", "1", "-w", "3", address).ok();
  }

  @Test
  void containersOnOneNetworkPingEachOtherAndNotAcrossNetworks(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      Network a = networks.newNetwork("a").create();
      Network b = networks.newNetwork("b").create();
      Container a1 = networks.run("a1", o -> o.network("a"));
      Container a2 = networks.run("a2", o -> o.network("a"));
      Container b1 = networks.run("b1", o -> o.network("b"));
      assertThat(reaches(Controllers.ns(lab, a1), ip(a2, a))).isTrue();
      assertThat(reaches(Controllers.ns(lab, a2), ip(a1, a))).isTrue();
      assertThat(Controllers.ns(lab, a1).ping(ip(b1, b))).isFalse();
      assertThat(Controllers.ns(lab, b1).ping(ip(a1, a))).isFalse();
    }
  }

  @Test
  void containerOnTwoNetworksReachesBoth(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      Network a = networks.newNetwork("a").create();
      Network b = networks.newNetwork("b").create();
      Container a1 = networks.run("a1", o -> o.network("a"));
      Container b1 = networks.run("b1", o -> o.network("b"));
      Container both = networks.run("both", o -> o.network("a"));
      b.connect(both);
      assertThat(reaches(Controllers.ns(lab, both), ip(a1, a))).isTrue();
      assertThat(reaches(Controllers.ns(lab, both), ip(b1, b))).isTrue();
      assertThat(Controllers.ns(lab, both).ip("-j", "link", "show", "eth1").get(0).get("ifname").asText()).isEqualTo("eth1");
    }
  }

  @Test
  void iccOffBlocksTrafficInsideTheNetworkButNotToTheGateway(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      Network n = networks.newNetwork("quiet").option("com.docker.network.bridge.enable_icc", "false").create();
      Container c1 = networks.run("c1", o -> o.network("quiet"));
      Container c2 = networks.run("c2", o -> o.network("quiet"));
      assertThat(reaches(Controllers.ns(lab, c1), n.ipamConfigs().get(0).gateway().orElseThrow().getHostAddress())).isTrue();
      assertThat(reaches(Controllers.ns(lab, c2), n.ipamConfigs().get(0).gateway().orElseThrow().getHostAddress())).isTrue();
      assertThat(Controllers.ns(lab, c1).ping(ip(c2, n))).isFalse();
      assertThat(host.exec("cat", "/proc/sys/net/bridge/bridge-nf-call-iptables").stdout().trim()).isEqualTo("1");
    }
  }

  @Test
  void masqueradedTrafficReachesTheOutsideFromTheHostAddress(Lab lab, LabNamespace host, LabNamespace outside)
      throws Exception {
    Uplink.wire(host, outside);
    try (Networks networks = Controllers.open(dir, lab, host); NetNs out = NetNs.open(outside.path());
        ServerSocket server = Uplink.echoPeer(out, 7000)) {
      networks.newNetwork("web").create();
      Container c = networks.run("web1", o -> o.network("web"));
      assertThat(reaches(Controllers.ns(lab, c), Uplink.OUTSIDE_IP)).isTrue();
      try (NetNs inside = NetNs.open(c.namespacePath())) {
        assertThat(Uplink.fetch(inside, Uplink.OUTSIDE_IP, 7000)).contains(Uplink.HOST_IP);
      }
      assertThat(host.exec("cat", "/proc/sys/net/ipv4/ip_forward").stdout().trim()).isEqualTo("1");
    }
  }

  @Test
  void internalNetworkHasNoWayOut(Lab lab, LabNamespace host, LabNamespace outside) {
    Uplink.wire(host, outside);
    try (Networks networks = Controllers.open(dir, lab, host)) {
      Network n = networks.newNetwork("closed").internal().create();
      Container c1 = networks.run("c1", o -> o.network("closed"));
      Container c2 = networks.run("c2", o -> o.network("closed"));
      assertThat(reaches(Controllers.ns(lab, c1), ip(c2, n))).isTrue();
      assertThat(Controllers.ns(lab, c1).ping(Uplink.OUTSIDE_IP)).isFalse();
      assertThat(Controllers.ns(lab, c1).ip("-j", "route", "show", "default")).isEmpty();
    }
  }

  @Test
  void publishedPortAnswersFromOutsideAndFromTheHostAndUnpublishedDoesNot(Lab lab, LabNamespace host,
      LabNamespace outside) throws Exception {
    Uplink.wire(host, outside);
    try (Networks networks = Controllers.open(dir, lab, host); NetNs out = NetNs.open(outside.path());
        NetNs hostNs = NetNs.open(host.path())) {
      Network n = networks.newNetwork("web").create();
      Container c = networks.run("web1", o -> o.network("web", e -> e.publish(8080, 80, "tcp")));
      try (NetNs inside = NetNs.open(c.namespacePath()); ServerSocket published = Uplink.echoPeer(inside, 80);
          ServerSocket unpublished = Uplink.echoPeer(inside, 81)) {
        assertThat(Uplink.fetch(out, Uplink.HOST_IP, 8080)).contains(Uplink.OUTSIDE_IP);
        assertThat(Uplink.fetch(hostNs, Uplink.HOST_IP, 8080)).isPresent();
        assertThat(Uplink.fetch(out, Uplink.HOST_IP, 8081)).isEmpty();
        // routed straight to the container's address from outside: dropped, published or not
        outside.exec("ip", "route", "add", n.ipamConfigs().get(0).subnet().toString(), "via", Uplink.HOST_IP).orFail();
        assertThat(Uplink.fetch(out, ip(c, n), 81)).isEmpty();
        assertThat(Uplink.fetch(out, ip(c, n), 80)).isEmpty();
      }
    }
  }
}
