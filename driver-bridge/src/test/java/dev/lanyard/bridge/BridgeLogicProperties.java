package dev.lanyard.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ConflictException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.netlink.nft.Chain;
import dev.lanyard.netlink.nft.Expr;
import dev.lanyard.netlink.nft.Rule;
import dev.lanyard.netlink.nft.SetElement;
import dev.lanyard.netlink.nft.VerdictExpr;
import dev.lanyard.spi.NetworkSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The driver's pure logic: option parsing, host port allocation and the shape of the firewall plan. */
class BridgeLogicProperties {
  private static NetworkSpec spec(int i, Map<String, String> options, boolean internal) {
    return new NetworkSpec(String.format("%064x", i + 1), "n" + i, options,
        List.of(new NetworkSpec.Subnet(IpPrefix.parse("10." + i + ".0.0/16"),
            Optional.of(IpPrefix.parseAddress("10." + i + ".0.1")))), List.of(), internal, Map.of());
  }

  @Property
  void booleansParseAsGoDoesAndAnythingElseIsRefusedByName(@ForAll("boolText") String text) {
    Map<String, String> options = Map.of(BridgeConfig.ENABLE_ICC, text);
    Set<String> yes = Set.of("1", "t", "T", "TRUE", "true", "True");
    Set<String> no = Set.of("0", "f", "F", "FALSE", "false", "False");
    if (yes.contains(text) || no.contains(text) || text.isEmpty()) {
      assertThat(BridgeConfig.of(spec(0, options, false)).icc()).isEqualTo(!no.contains(text));
    } else {
      assertThatThrownBy(() -> BridgeConfig.of(spec(0, options, false)))
          .isInstanceOf(InvalidParameterException.class).hasMessageContaining("\"" + text + "\"");
    }
  }

  @Provide
  Arbitrary<String> boolText() {
    return Arbitraries.oneOf(Arbitraries.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false",
        "False", "", "yes", "tRuE"), Arbitraries.strings().ofMaxLength(6));
  }

  @Property
  void mtuOutsideTheKernelsBoundsIsRefused(@ForAll int mtu) {
    Map<String, String> options = Map.of(BridgeConfig.MTU, Integer.toString(mtu));
    if (mtu >= 68 && mtu <= 65535) {
      assertThat(BridgeConfig.of(spec(0, options, false)).mtu()).isEqualTo(mtu);
    } else {
      assertThatThrownBy(() -> BridgeConfig.of(spec(0, options, false))).isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining(Integer.toString(mtu));
    }
  }

  @Property
  void dynamicPortsAreDistinctInRangeAndFreeAgainAfterRelease(@ForAll @IntRange(min = 1, max = 300) int count,
      @ForAll @IntRange(min = 1024, max = 60000) int first, @ForAll @IntRange(min = 0, max = 400) int width) {
    PortAllocator ports = new PortAllocator(first + "\t" + (first + width));
    Set<Integer> given = new HashSet<>();
    for (int i = 0; i < count; i++) {
      if (given.size() == width + 1) {
        assertThatThrownBy(() -> ports.allocate("tcp", "0.0.0.0", 0)).hasMessageContaining("no free host port");
        return;
      }
      int p = ports.allocate("tcp", "0.0.0.0", 0);
      assertThat(p).isBetween(first, first + width);
      assertThat(given.add(p)).isTrue();
    }
    int some = given.iterator().next();
    assertThatThrownBy(() -> ports.allocate("tcp", "127.0.0.1", some)).isInstanceOf(ConflictException.class)
        .hasMessage("Bind for 127.0.0.1:" + some + " failed: port is already allocated");
    assertThat(ports.allocate("udp", "0.0.0.0", some)).isEqualTo(some);
    ports.release("tcp", "0.0.0.0", some);
    assertThat(ports.allocate("tcp", "127.0.0.1", some)).isEqualTo(some);
  }

  @Property
  void everyNetworkGetsItsFourChainsAndJumpsAndEveryJumpTargetExists(
      @ForAll @IntRange(min = 0, max = 20) int count, @ForAll boolean icc, @ForAll boolean internal) {
    List<BridgeConfig> networks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      networks.add(BridgeConfig.of(spec(i, Map.of(BridgeConfig.ENABLE_ICC, Boolean.toString(icc)), internal && i % 2 == 0)));
    }
    FirewallPlan.TablePlan plan = FirewallPlan.plan(networks, List.of(), List.of()).get(0);
    Set<String> chains = new HashSet<>();
    plan.chains().forEach(c -> chains.add(c.name()));
    assertThat(plan.chains()).hasSize(7 + 4 * count);
    assertThat(plan.maps().values()).allSatisfy(elements -> assertThat(elements).hasSize(count));
    for (List<SetElement> elements : plan.maps().values()) {
      elements.forEach(e -> assertThat(chains).contains(e.verdict().orElseThrow().chain()));
    }
    for (Rule r : plan.rules()) {
      assertThat(chains).contains(r.chain());
      for (Expr e : r.exprs()) {
        if (e instanceof VerdictExpr v && v.verdict().chain() != null) {
          assertThat(chains).contains(v.verdict().chain());
        }
      }
    }
    assertThat(plan.chains().stream().map(Chain::name)).contains(FirewallPlan.USER_CHAIN);
  }
}
