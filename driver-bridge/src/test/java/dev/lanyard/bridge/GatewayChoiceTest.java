package dev.lanyard.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.Container;
import dev.lanyard.Network;
import dev.lanyard.Networks;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint giving a container its default routes, per family, checked with {@code ip -j route} inside it. */
@KernelTest
class GatewayChoiceTest {
  @TempDir
  Path dir;


  @Test
  void raisingGwPriorityOnTheSecondNetworkMovesTheDefaultRoute(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      Network alpha = networks.newNetwork("alpha").subnet("10.91.0.0/24").create();
      Network beta = networks.newNetwork("beta").subnet("10.92.0.0/24").create();
      Network gamma = networks.newNetwork("gamma").subnet("10.93.0.0/24").create();
      Container c = networks.run("c1", o -> o.network("alpha"));
      gamma.connect(c);
      // by name, alpha keeps it
      assertThat(defaultVia(Controllers.ns(lab, c))).isEqualTo("10.91.0.1");
      beta.connect(c, e -> e.gwPriority(1));
      assertThat(defaultVia(Controllers.ns(lab, c))).isEqualTo("10.92.0.1");
      assertThat(c.inspect().networkSettings().networks().get("beta").gwPriority()).isEqualTo(1);
      assertThat(c.inspect().networkSettings().networks().get("alpha").gwPriority()).isZero();
      // the next in Docker's order takes over: alpha by name (gamma has the same priority, 0)
      beta.disconnect(c);
      assertThat(defaultVia(Controllers.ns(lab, c))).isEqualTo("10.91.0.1");
      // a negative priority gives way to every other network
      alpha.disconnect(c);
      alpha.connect(c, e -> e.gwPriority(-1));
      assertThat(defaultVia(Controllers.ns(lab, c))).isEqualTo("10.93.0.1");
    }
  }

  @Test
  void ipv4AndIpv6DefaultRoutesCanComeFromDifferentNetworks(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      networks.newNetwork("alpha").subnet("10.94.0.0/24").create();
      networks.newNetwork("beta").ipv6().subnet("10.95.0.0/24").subnet("fd00:95::/64").create();
      Container c = networks.run("c1", o -> o.network("beta"));
      assertThat(defaultVia(Controllers.ns(lab, c), "-4")).isEqualTo("10.95.0.1");
      assertThat(defaultVia(Controllers.ns(lab, c), "-6")).isEqualTo("fd00:95::1");
      // alpha outranks beta but has no IPv6 gateway: it takes IPv4 only, as in Docker 28
      networks.network("alpha").connect(c, e -> e.gwPriority(5));
      assertThat(defaultVia(Controllers.ns(lab, c), "-4")).isEqualTo("10.94.0.1");
      assertThat(defaultVia(Controllers.ns(lab, c), "-6")).isEqualTo("fd00:95::1");
      networks.network("alpha").disconnect(c);
      assertThat(defaultVia(Controllers.ns(lab, c), "-4")).isEqualTo("10.95.0.1");
      assertThat(defaultVia(Controllers.ns(lab, c), "-6")).isEqualTo("fd00:95::1");
    }
  }

  @Test
  void aDefaultRouteLeftByAnotherControllerIsKeptPerFamily(Lab lab, LabNamespace host) {
    try (Networks first = Controllers.open(dir, lab, host)) {
      first.newNetwork("beta").subnet("10.96.0.0/24").create();
      first.newNetwork("alpha").ipv6().subnet("10.97.0.0/24").subnet("fd00:97::/64").create();
      first.run("c1", o -> o.network("beta"));
    }
    // A new controller (as a second CLI call would be) has not seen the sandbox: its first join into it meets
    // beta's IPv4 default route and keeps it, though alpha would win by name and by being dual-stack; alpha
    // gives the IPv6 default route, which nobody held.
    try (Networks second = Controllers.open(dir, lab, host)) {
      Container c = second.container("c1");
      second.network("alpha").connect(c);
      assertThat(defaultVia(Controllers.ns(lab, c), "-4")).isEqualTo("10.96.0.1");
      assertThat(defaultVia(Controllers.ns(lab, c), "-6")).isEqualTo("fd00:97::1");
      assertThat(c.endpoints()).hasSize(2);
      // alpha leaving takes only what it held
      second.network("alpha").disconnect(c);
      assertThat(defaultVia(Controllers.ns(lab, c), "-4")).isEqualTo("10.96.0.1");
      assertThat(Controllers.ns(lab, c).ip("-6", "route", "show", "default")).isEmpty();
    }
  }

  private static String defaultVia(LabNamespace ns) {
    return defaultVia(ns, "-4");
  }

  private static String defaultVia(LabNamespace ns, String family) {
    List<JsonNode> routes = new ArrayList<>();
    ns.ip(family, "route", "show", "default").forEach(routes::add);
    assertThat(routes).hasSize(1);
    return routes.get(0).get("gateway").asText();
  }
}
