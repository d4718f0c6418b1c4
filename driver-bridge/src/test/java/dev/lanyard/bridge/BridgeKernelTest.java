package dev.lanyard.bridge;

import static dev.lanyard.bridge.BridgeTrafficTest.reaches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.Container;
import dev.lanyard.ForbiddenException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.Network;
import dev.lanyard.Networks;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kernel objects of networks and endpoints, checked with {@code ip -j}, {@code nft} and real traffic. */
@KernelTest
class BridgeKernelTest {
  @TempDir
  Path dir;

  private static List<String> linkNames(LabNamespace ns) {
    List<String> names = new ArrayList<>();
    ns.ip("-j", "link", "show").forEach(l -> names.add(l.get("ifname").asText()));
    return names;
  }

  private static JsonNode link(LabNamespace ns, String name) {
    return ns.ip("-j", "-d", "link", "show", name).get(0);
  }

  @Test
  void mtuIsOnTheBridgeAndBothVethEnds(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      networks.newNetwork("small").option("com.docker.network.bridge.name", "brsmall")
          .option("com.docker.network.driver.mtu", "1400").create();
      Container c = networks.run("c1", o -> o.network("small"));
      assertThat(link(host, "brsmall").get("mtu").asInt()).isEqualTo(1400);
      String hostEnd = BridgeDriver.hostVethName(c.endpoints().get(0).id());
      assertThat(link(host, hostEnd).get("mtu").asInt()).isEqualTo(1400);
      assertThat(link(host, hostEnd).get("master").asText()).isEqualTo("brsmall");
      JsonNode eth0 = link(Controllers.ns(lab, c), "eth0");
      assertThat(eth0.get("mtu").asInt()).isEqualTo(1400);
      assertThat(eth0.get("address").asText()).isEqualTo(c.endpoints().get(0).macAddress().orElseThrow());
    }
  }

  @Test
  void theBridgeMtuCountsAsTheUsersSoASmallerPortDoesNotLowerIt(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      networks.newNetwork("keep").option("com.docker.network.bridge.name", "brkeep").create();
      assertThat(link(host, "brkeep").get("mtu").asInt()).isEqualTo(1500);
      host.exec("ip", "link", "add", "small0", "mtu", "1300", "type", "veth", "peer", "name", "small1").orFail();
      host.exec("ip", "link", "set", "small0", "master", "brkeep").orFail();
      // a bridge whose MTU was never set by the user drops to its smallest port's, re-computed at every join
      assertThat(link(host, "brkeep").get("mtu").asInt()).isEqualTo(1500);
    }
  }

  @Test
  void defaultBridgeIsLanyard0WithDockersSubnet(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      JsonNode addr = host.ip("-j", "addr", "show", "lanyard0").get(0).get("addr_info").get(0);
      assertThat(addr.get("local").asText() + "/" + addr.get("prefixlen").asInt()).isEqualTo("172.17.0.1/16");
      assertThat(linkNames(host)).doesNotContain("docker0");
    }
  }

  @Test
  void ipv6NetworkHasGatewayAcceptRaOffAndRoutesTheContainer(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      networks.newNetwork("six").option("com.docker.network.bridge.name", "brsix").ipv6()
          .subnet("fd00:db8:6::/64").gateway("fd00:db8:6::1").create();
      Container c = networks.run("c1", o -> o.network("six"));
      assertThat(host.exec("cat", "/proc/sys/net/ipv6/conf/brsix/accept_ra").stdout().trim()).isEqualTo("0");
      assertThat(host.exec("cat", "/proc/sys/net/ipv6/conf/all/forwarding").stdout().trim()).isEqualTo("1");
      JsonNode route = Controllers.ns(lab, c).ip("-j", "-6", "route", "show", "default").get(0);
      assertThat(route.get("gateway").asText()).isEqualTo("fd00:db8:6::1");
      assertThat(reaches(Controllers.ns(lab, c), "fd00:db8:6::1")).isTrue();
    }
  }

  @Test
  void existingBridgeIsAdoptedAndNeverDeleted(Lab lab, LabNamespace host) {
    host.exec("ip", "link", "add", "mybr", "type", "bridge").orFail();
    try (Networks networks = Controllers.open(dir, lab, host)) {
      Network n = networks.newNetwork("mine").option("com.docker.network.bridge.name", "mybr")
          .subnet("192.0.2.0/24").gateway("192.0.2.1").create();
      assertThat(host.ip("-j", "addr", "show", "mybr").get(0).get("addr_info").get(0).get("local").asText())
          .isEqualTo("192.0.2.1");
      n.remove();
      assertThat(linkNames(host)).contains("mybr");
      Network own = networks.newNetwork("own").option("com.docker.network.bridge.name", "ownbr").create();
      own.remove();
      assertThat(linkNames(host)).doesNotContain("ownbr");
    }
  }

  @Test
  void sameBridgeNameIsRefusedWithDockersMessageAndNothingChanges(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      Network first = networks.newNetwork("one").option("com.docker.network.bridge.name", "brsame").create();
      JsonNode before = GoldenRulesetTest.normalise(host.nftRuleset());
      assertThatThrownBy(() -> networks.newNetwork("two").option("com.docker.network.bridge.name", "brsame").create())
          .isInstanceOf(ForbiddenException.class)
          .hasMessageMatching("cannot create network [0-9a-f]{64} \\(brsame\\): conflicts with network "
              + first.id() + " \\(brsame\\): networks have same bridge name");
      assertThat(GoldenRulesetTest.normalise(host.nftRuleset())).isEqualTo(before);
      assertThat(networks.findNetwork("two")).isEmpty();
    }
  }

  @Test
  void badOptionsAreRefusedNamingTheValue(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      assertThatThrownBy(() -> networks.newNetwork("x1").option("com.docker.network.driver.mtu", "huge").create())
          .isInstanceOf(InvalidParameterException.class).hasMessageContaining("\"huge\"");
      assertThatThrownBy(() -> networks.newNetwork("x2").option("com.docker.network.bridge.enable_icc", "maybe").create())
          .isInstanceOf(InvalidParameterException.class).hasMessageContaining("\"maybe\"");
      assertThatThrownBy(() -> networks.newNetwork("x3").option("com.docker.network.bridge.name", "a/b").create())
          .isInstanceOf(InvalidParameterException.class).hasMessageContaining("\"a/b\"");
      assertThat(linkNames(host)).containsExactlyInAnyOrder("lo", "lanyard0");
    }
  }

  @Test
  void containerInterfacePrefixNamesTheInterfaces(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      networks.newNetwork("pfx").option("com.docker.network.container_iface_prefix", "en").create();
      Container c = networks.run("c1", o -> o.network("pfx"));
      assertThat(linkNames(Controllers.ns(lab, c))).contains("en0").doesNotContain("eth0");
    }
  }

  @Test
  void defaultRouteFollowsDockersOrderAcrossConnectAndDisconnect(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      Network b = networks.newNetwork("b-net").subnet("192.0.2.0/24").gateway("192.0.2.1").create();
      Network a = networks.newNetwork("a-net").subnet("198.51.100.0/24").gateway("198.51.100.1").create();
      Container c = networks.run("c1", o -> o.network("b-net"));
      assertThat(defaultGateway(Controllers.ns(lab, c))).isEqualTo("192.0.2.1");
      a.connect(c);
      assertThat(defaultGateway(Controllers.ns(lab, c))).isEqualTo("198.51.100.1");
      a.disconnect(c);
      assertThat(defaultGateway(Controllers.ns(lab, c))).isEqualTo("192.0.2.1");
      assertThat(b.endpoints()).hasSize(1);
    }
  }

  private static String defaultGateway(LabNamespace ns) {
    return ns.ip("-j", "route", "show", "default").get(0).get("gateway").asText();
  }

  @Test
  void disconnectTakesTheInterfaceAwayAndLeavesNothingBehind(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      Network n = networks.newNetwork("churn").create();
      LabNamespace inside = lab.namespace();
      Container c = networks.adopt("c1", inside.path());
      for (int i = 0; i < 20; i++) {
        n.connect(c);
        assertThat(linkNames(inside)).contains("eth0");
        n.disconnect(c);
        assertThat(linkNames(inside)).doesNotContain("eth0");
      }
    }
    // closing the controller finishes the deletions queued behind disconnect
    assertThat(linkNames(host)).noneMatch(name -> name.startsWith("lv") || name.startsWith("lx"));
  }

  @Test
  void openRemovesLeakedVethsAndRecordedBridges(Lab lab, LabNamespace host) throws Exception {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      networks.newNetwork("kept").option("com.docker.network.bridge.name", "brkept").create();
    }
    host.exec("ip", "link", "add", "lv0123456789ab", "type", "veth", "peer", "name", "other").orFail();
    host.exec("ip", "link", "add", "lxfedcba987654", "type", "veth", "peer", "name", "other2").orFail();
    host.exec("ip", "link", "add", "brleak", "type", "bridge").orFail();
    host.exec("ip", "link", "add", "notours", "type", "bridge").orFail();
    Files.writeString(dir.resolve("drivers/bridge/bridges/brleak"), "0".repeat(64));
    try (Networks networks = Controllers.open(dir, lab, host)) {
      assertThat(linkNames(host)).contains("brkept", "notours", "lanyard0").doesNotContain("lv0123456789ab", "lxfedcba987654", "brleak");
    }
  }

  @Test
  void flushedRulesetIsRestoredAndTheUserChainIsKept(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      networks.newNetwork("first").create();
      host.nft("add", "rule", "ip", "lanyard-bridges", "filter-forward-user", "iifname", "\"eth9\"", "drop").orFail();
      networks.newNetwork("second").create();
      assertThat(host.nft("list", "chain", "ip", "lanyard-bridges", "filter-forward-user").orFail().stdout())
          .contains("iifname \"eth9\" drop");
      // flush ruleset takes the user's rules too; everything Lanyard made must come back
      host.nft("flush", "chain", "ip", "lanyard-bridges", "filter-forward-user").orFail();
      JsonNode before = GoldenRulesetTest.normalise(host.nftRuleset());
      host.nft("flush", "ruleset").orFail();
      // the next operation finds the tables back, whether the watch or the operation's own check restored them
      networks.run("c1", o -> o.network("first"));
      assertThat(GoldenRulesetTest.normalise(host.nftRuleset())).isEqualTo(before);
    }
  }

  @Test
  void watchRestoresFlushedTablesWithoutAnyOperation(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      networks.newNetwork("first").create();
      JsonNode before = GoldenRulesetTest.normalise(host.nftRuleset());
      host.nft("flush", "ruleset").orFail();
      // polls the listing (each nft run is a few ms) until the watch thread has put the tables back, 10 s at most
      long deadline = System.nanoTime() + 10_000_000_000L;
      JsonNode now = GoldenRulesetTest.normalise(host.nftRuleset());
      while (!now.equals(before) && System.nanoTime() < deadline) {
        now = GoldenRulesetTest.normalise(host.nftRuleset());
      }
      assertThat(now).isEqualTo(before);
    }
  }

  @Test
  void legacyLinksOnTheDefaultBridgeGiveVariablesHostsAndHolesThroughIccOffAndNothingOnAUserNetwork(
      Lab lab, LabNamespace host) throws Exception {
    try (Networks networks = Networks.builder().stateDirectory(dir).hostNamespace(host.path())
        .namespacePrefix(lab.prefix()).defaultBridgeOption("com.docker.network.bridge.enable_icc", "false").open()) {
      Container db = networks.run("db", o -> o.hostname("dbhost").network("bridge", e -> e.publish(0, 5432, "tcp")));
      Container app = networks.run("app", o -> o.network("bridge", e -> e.link("db", "pg")));
      String dbIp = db.endpoints().get(0).ipv4().orElseThrow().address().getHostAddress();
      String env = app.exec("env").stdout();
      assertThat(env).contains("PG_NAME=/app/pg\n", "PG_PORT=tcp://" + dbIp + ":5432\n",
          "PG_PORT_5432_TCP=tcp://" + dbIp + ":5432\n", "PG_PORT_5432_TCP_ADDR=" + dbIp + "\n",
          "PG_PORT_5432_TCP_PORT=5432\n", "PG_PORT_5432_TCP_PROTO=tcp\n");
      assertThat(app.exec("cat", "/etc/hosts").stdout()).contains(dbIp + "\tpg dbhost db\n");
      assertThat(reaches(Controllers.ns(lab, app), "172.17.0.1")).isTrue();
      assertThat(reaches(Controllers.ns(lab, db), "172.17.0.1")).isTrue();
      String appIp = app.endpoints().get(0).ipv4().orElseThrow().address().getHostAddress();
      try (NetNs dbNs = NetNs.open(db.namespacePath()); NetNs appNs = NetNs.open(app.namespacePath());
          ServerSocket linked = Uplink.echoPeer(dbNs, 5432); ServerSocket other = Uplink.echoPeer(dbNs, 5433)) {
        assertThat(Uplink.fetch(appNs, dbIp, 5432)).contains(appIp);
        assertThat(Uplink.fetch(appNs, dbIp, 5433)).isEmpty();
      }

      // on a user-defined network a link is a DNS alias only: no variables, no hosts line, no hole (Docker)
      networks.newNetwork("quiet").option("com.docker.network.bridge.enable_icc", "false")
          .subnet("192.0.2.0/24").gateway("192.0.2.1").create();
      Container db2 = networks.run("db2", o -> o.network("quiet", e -> e.ip("192.0.2.2").publish(0, 5432, "tcp")));
      Container app2 = networks.run("app2", o -> o.network("quiet", e -> e.ip("192.0.2.3").link("db2", "pg")));
      assertThat(app2.exec("env").stdout()).doesNotContain("PG_");
      assertThat(app2.exec("cat", "/etc/hosts").stdout()).doesNotContain("pg");
      try (NetNs dbNs = NetNs.open(db2.namespacePath()); NetNs appNs = NetNs.open(app2.namespacePath());
          ServerSocket linked = Uplink.echoPeer(dbNs, 5432)) {
        assertThat(Uplink.fetch(appNs, "192.0.2.2", 5432)).isEmpty();
      }
    }
  }
}
