package dev.lanyard.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.Networks;
import dev.lanyard.spi.PortMapping;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nft -j list ruleset} of the host namespace against goldens, one per option combination of Docker's
 * generated nftables documents (moby {@code integration/network/bridge/nftablesdoc/generated}, with
 * {@code --userland-proxy=false} since Lanyard runs no proxy). Handles and counters are dropped and map
 * elements sorted, since neither is part of the layout. The goldens were written with
 * {@code -Dlanyard.golden.write=driver-bridge/src/test/resources/dev/lanyard/bridge/golden} and reviewed
 * against those documents (ARCHITECTURE.md lists the deliberate differences).
 */
@KernelTest
class GoldenRulesetTest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @TempDir
  Path dir;

  private void check(String golden, Lab lab, LabNamespace host, Consumer<Networks> setup) throws IOException {
    check(golden, lab, host, settings -> {}, setup);
  }

  /** With daemon settings ({@code settings} of the builder), e.g. the default bridge's options. */
  private void check(String golden, Lab lab, LabNamespace host, Consumer<Networks.Builder> settings,
      Consumer<Networks> setup) throws IOException {
    // as on any host: published ports on 127.0.0.1 and ::1 are held by sockets bound there
    host.exec("ip", "link", "set", "lo", "up").orFail();
    Networks.Builder builder = Networks.builder().stateDirectory(dir).hostNamespace(host.path())
        .namespacePrefix(lab.prefix());
    settings.accept(builder);
    try (Networks networks = builder.open()) {
      setup.accept(networks);
      JsonNode actual = normalise(host.nftRuleset());
      String write = System.getProperty("lanyard.golden.write");
      if (write != null) {
        Files.writeString(Path.of(write, golden + ".json"), JSON.writeValueAsString(actual) + "\n");
        // the text form, for reviewing the golden against Docker's documents
        Files.writeString(Path.of("target", golden + ".nft"), host.nft("list", "ruleset").orFail().stdout());
      }
      try (InputStream in = getClass().getResourceAsStream("golden/" + golden + ".json")) {
        assertThat(in).as("golden " + golden).isNotNull();
        assertThat(actual).isEqualTo(JSON.readTree(in));
      }
    }
  }

  /** Without metainfo, handles and counter values; map elements in name order. */
  static JsonNode normalise(JsonNode ruleset) {
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode item : ruleset.get("nftables")) {
      if (item.has("metainfo")) {
        continue;
      }
      ObjectNode copy = item.deepCopy();
      strip(copy);
      out.add(copy);
    }
    return out;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.remove("handle");
      if (o.has("counter") && o.get("counter").isObject()) {
        o.set("counter", JSON.createObjectNode().put("packets", 0).put("bytes", 0));
      }
      if (o.has("map") && o.get("elem") instanceof ArrayNode elems) {
        List<JsonNode> sorted = new ArrayList<>();
        elems.forEach(sorted::add);
        sorted.sort(Comparator.comparing(JsonNode::toString));
        elems.removeAll();
        sorted.forEach(elems::add);
      }
      for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
        strip(it.next());
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(GoldenRulesetTest::strip);
    }
  }

  @Test
  void newController(Lab lab, LabNamespace host) throws IOException {
    check("new-controller", lab, host, networks -> {});
  }

  @Test
  void userNetworkWithPublishedPort(Lab lab, LabNamespace host) throws IOException {
    check("usernet-portmap", lab, host, networks -> {
      networks.newNetwork("bridge1").option("com.docker.network.bridge.name", "bridge1")
          .subnet("192.0.2.0/24").gateway("192.0.2.1").create();
      networks.run("c1", o -> o.network("bridge1", e -> e.ip("192.0.2.2").publish(8080, 80, "tcp")));
    });
  }

  @Test
  void userNetworkWithIccOffAndPublishedPort(Lab lab, LabNamespace host) throws IOException {
    check("usernet-portmap-noicc", lab, host, networks -> {
      networks.newNetwork("bridge1").option("com.docker.network.bridge.name", "bridge1")
          .option("com.docker.network.bridge.enable_icc", "false")
          .subnet("192.0.2.0/24").gateway("192.0.2.1").create();
      networks.run("c1", o -> o.network("bridge1", e -> e.ip("192.0.2.2").publish(8080, 80, "tcp")));
    });
  }

  @Test
  void internalNetworksWithAndWithoutIcc(Lab lab, LabNamespace host) throws IOException {
    check("usernet-internal", lab, host, networks -> {
      networks.newNetwork("bridgeICC").option("com.docker.network.bridge.name", "bridgeICC").internal()
          .subnet("192.0.2.0/24").gateway("192.0.2.1").create();
      networks.newNetwork("bridgeNoICC").option("com.docker.network.bridge.name", "bridgeNoICC")
          .option("com.docker.network.bridge.enable_icc", "false").internal()
          .subnet("198.51.100.0/24").gateway("198.51.100.1").create();
      networks.run("c1", o -> o.network("bridgeICC"));
      networks.run("c2", o -> o.network("bridgeNoICC"));
    });
  }

  @Test
  void masqueradeOffAndHostIpv4Snat(Lab lab, LabNamespace host) throws IOException {
    check("usernet-nomasq-snat", lab, host, networks -> {
      networks.newNetwork("nomasq").option("com.docker.network.bridge.name", "nomasq")
          .option("com.docker.network.bridge.enable_ip_masquerade", "false")
          .subnet("192.0.2.0/24").gateway("192.0.2.1").create();
      networks.newNetwork("snat").option("com.docker.network.bridge.name", "snat")
          .option("com.docker.network.host_ipv4", "203.0.113.7")
          .subnet("198.51.100.0/24").gateway("198.51.100.1").create();
    });
  }

  @Test
  void dualStackNetworkWithUdpAndSctpPortsOnAHostAddress(Lab lab, LabNamespace host) throws IOException {
    check("usernet-ipv6-udp-sctp", lab, host, networks -> {
      networks.newNetwork("bridge6").option("com.docker.network.bridge.name", "bridge6")
          .option("com.docker.network.bridge.host_binding_ipv4", "127.0.0.1").ipv6()
          .subnet("192.0.2.0/24").gateway("192.0.2.1").subnet("fd00:db8:1::/64").gateway("fd00:db8:1::1").create();
      networks.run("c1", o -> o.network("bridge6", e -> e.ip("192.0.2.2").ip6("fd00:db8:1::2")
          .publish(5353, 53, "udp").publish(3868, 3868, "sctp")));
    });
  }

  @Test
  void portRangesAsOneRuleAlsoWhenMovedToOtherNumbers(Lab lab, LabNamespace host) throws IOException {
    check("usernet-portmap-range", lab, host, networks -> {
      networks.newNetwork("bridge1").option("com.docker.network.bridge.name", "bridge1")
          .subnet("192.0.2.0/24").gateway("192.0.2.1").create();
      networks.run("c1", o -> o.network("bridge1", e -> e.ip("192.0.2.2")
          .publish(new PortMapping(8000, 8010, "tcp", "", 8000, 8010))
          .publish(new PortMapping(7000, 7001, "udp", "", 9000, 9001))));
    });
  }

  @Test
  void dualStackNetworkPublishesOnIpv4AndIpv6(Lab lab, LabNamespace host) throws IOException {
    check("usernet-portmap-ipv6", lab, host, networks -> {
      networks.newNetwork("bridge1").option("com.docker.network.bridge.name", "bridge1").ipv6()
          .subnet("192.0.2.0/24").gateway("192.0.2.1").subnet("fd00:db8:1::/64").gateway("fd00:db8:1::1").create();
      networks.run("c1", o -> o.network("bridge1", e -> e.ip("192.0.2.2").ip6("fd00:db8:1::2")
          .publish(8080, 80, "tcp").publish("::1", 8443, 443, "tcp")));
    });
  }

  @Test
  void portPublishedOnALoopbackAddress(Lab lab, LabNamespace host) throws IOException {
    check("usernet-portmap-lo", lab, host, networks -> {
      networks.newNetwork("bridge1").option("com.docker.network.bridge.name", "bridge1")
          .subnet("192.0.2.0/24").gateway("192.0.2.1").create();
      networks.run("c1", o -> o.network("bridge1", e -> e.ip("192.0.2.2").publish("127.0.0.1", 8080, 80, "tcp")));
    });
  }

  /** Legacy links exist on the default bridge only ({@code dockerd --icc=false} here), as in Docker. */
  @Test
  void legacyLinksOpenHolesThroughIccOff(Lab lab, LabNamespace host) throws IOException {
    check("default-bridge-links-noicc", lab, host,
        settings -> settings.defaultBridgeOption("com.docker.network.bridge.enable_icc", "false"), networks -> {
          networks.run("db", o -> o.network("bridge", e -> e.publish(0, 5432, "tcp")));
          networks.run("app", o -> o.network("bridge", e -> e.link("db", "pg")));
        });
  }
}
