package dev.lanyard.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.Container;
import dev.lanyard.Networks;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The firewall's difference batches: after a series of changes written as differences, the ruleset
 * ({@code nft -j list ruleset}) is exactly what a whole rewrite of the same plan gives, and a change to one
 * network leaves the other networks' rules untouched (same rule handles).
 */
@KernelTest
class FirewallUpdateTest {
  @TempDir
  Path dir;

  @Test
  void differencesEndWhereAWholeRewriteEnds(Lab lab, LabNamespace host) {
    JsonNode afterDifferences;
    try (Networks networks = Controllers.open(dir, lab, host)) {
      networks.newNetwork("a").option("com.docker.network.bridge.name", "bra").subnet("192.0.2.0/24").create();
      networks.newNetwork("b").option("com.docker.network.bridge.name", "brb").subnet("198.51.100.0/24")
          .option("com.docker.network.bridge.enable_icc", "false").create();
      networks.newNetwork("c").option("com.docker.network.bridge.name", "brc").internal().subnet("203.0.113.0/24").create();
      Container web = networks.run("web", o -> o.network("a", e -> e.publish(8080, 80, "tcp")));
      networks.run("db", o -> o.network("b", e -> e.publish(5432, 5432, "tcp")));
      networks.network("c").remove();
      web.remove();
      afterDifferences = GoldenRulesetTest.normalise(host.nftRuleset());
    }
    try (Networks reopened = Controllers.open(dir, lab, host)) {
      // a new controller knows nothing of what the kernel holds: it lists the tables and rewrites them whole
      assertThat(GoldenRulesetTest.normalise(host.nftRuleset())).isEqualTo(afterDifferences);
    }
  }

  @Test
  void aNewNetworkLeavesTheRulesOfTheOthersInPlace(Lab lab, LabNamespace host) {
    try (Networks networks = Controllers.open(dir, lab, host)) {
      networks.newNetwork("a").option("com.docker.network.bridge.name", "bra").subnet("192.0.2.0/24").create();
      networks.run("web", o -> o.network("a", e -> e.publish(8080, 80, "tcp")));
      List<String> before = ruleHandles(host, "bra");
      networks.newNetwork("b").option("com.docker.network.bridge.name", "brb").subnet("198.51.100.0/24").create();
      assertThat(before).isNotEmpty();
      assertThat(ruleHandles(host, "bra")).isEqualTo(before);
      assertThat(ruleHandles(host, "brb")).isNotEmpty();
    }
  }

  /** chain:handle of every rule in the per-bridge chains of {@code bridge}. */
  private static List<String> ruleHandles(LabNamespace host, String bridge) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : host.nftRuleset().get("nftables")) {
      JsonNode rule = item.get("rule");
      if (rule != null && rule.get("chain").asText().endsWith("__" + bridge)) {
        out.add(rule.get("chain").asText() + ":" + rule.get("handle").asLong());
      }
    }
    return out;
  }
}
