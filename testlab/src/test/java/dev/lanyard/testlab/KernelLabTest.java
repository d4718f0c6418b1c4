package dev.lanyard.testlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class KernelLabTest {
  /** Names the scenario below saw; read after it ran. */
  static final List<String> SEEN = new ArrayList<>();

  @Test
  void everythingATestMadeIsRemovedEvenWhenItFails() {
    SEEN.clear();
    Events events = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(FailingScenario.class))
        .execute()
        .testEvents();
    if (events.skipped().count() + events.aborted().count() > 0) {
      if (KernelLab.inCi()) {
        fail("the lab scenario was skipped under CI=true");
      }
      return; // no privileges outside CI: the scenario itself proved it skips
    }
    events.assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(SEEN).hasSize(3);
    for (String name : SEEN) {
      assertThat(Path.of("/run/netns", name)).doesNotExist();
    }
    assertThat(Path.of("/etc/netns", SEEN.get(2))).doesNotExist();
  }

  @Test
  void theOracleRunsInsideTheScratchNamespaceNotTheHost() {
    Events events = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(OracleScenario.class))
        .execute()
        .testEvents();
    if (events.skipped().count() + events.aborted().count() > 0 && !KernelLab.inCi()) {
      return;
    }
    events.assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @KernelTest
  static class FailingScenario {
    @Test
    void makesThingsThenFails(Lab lab, LabNamespace a, LabNamespace b) throws Exception {
      SEEN.add(a.name());
      SEEN.add(b.name());
      String byCodeUnderTest = lab.prefix() + "-made-elsewhere";
      new ProcessBuilder("ip", "netns", "add", byCodeUnderTest).start().waitFor();
      Files.createDirectories(Path.of("/etc/netns", byCodeUnderTest));
      SEEN.add(byCodeUnderTest);
      assertThat(Path.of("/run/netns", byCodeUnderTest)).exists();
      fail("on purpose: cleanup must still happen");
    }
  }

  @KernelTest
  static class OracleScenario {
    @Test
    void scratchNamespaceHasOnlyLoopbackUp(LabNamespace ns) {
      var links = ns.ip("link", "show");
      assertThat(links).hasSize(1);
      assertThat(links.get(0).get("ifname").asText()).isEqualTo("lo");
      assertThat(links.get(0).get("flags").toString()).contains("UP");
      assertThat(ns.ping("127.0.0.1")).isTrue();
      assertThat(ns.ip("route", "show")).isEmpty();
    }
  }
}
