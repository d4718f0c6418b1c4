package dev.lanyard.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ConflictException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.netlink.nft.Bytes;
import dev.lanyard.netlink.nft.Chain;
import dev.lanyard.netlink.nft.Expr;
import dev.lanyard.netlink.nft.NftSet;
import dev.lanyard.netlink.nft.Rule;
import dev.lanyard.netlink.nft.SetElement;
import dev.lanyard.netlink.nft.VerdictExpr;
import dev.lanyard.spi.NetworkSpec;
import java.net.InetAddress;
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

  private static final InetAddress ANY4 = IpPrefix.parseAddress("0.0.0.0");
  private static final InetAddress ANY6 = IpPrefix.parseAddress("::");
  private static final InetAddress LOOPBACK = IpPrefix.parseAddress("127.0.0.1");

  @Property
  void dynamicPortsAreDistinctInRangeAndFreeAgainAfterRelease(@ForAll @IntRange(min = 1, max = 300) int count,
      @ForAll @IntRange(min = 1024, max = 60000) int first, @ForAll @IntRange(min = 0, max = 400) int width) {
    PortAllocator ports = new PortAllocator(first + "\t" + (first + width));
    Set<Integer> given = new HashSet<>();
    for (int i = 0; i < count; i++) {
      if (given.size() == width + 1) {
        assertThatThrownBy(() -> ports.allocate("tcp", List.of(ANY4), 0, 0, 1)).hasMessageContaining("no free host port");
        return;
      }
      int p = ports.allocate("tcp", List.of(ANY4), 0, 0, 1);
      assertThat(p).isBetween(first, first + width);
      assertThat(given.add(p)).isTrue();
    }
    int some = given.iterator().next();
    assertThatThrownBy(() -> ports.allocate("tcp", List.of(LOOPBACK), some, some, 1)).isInstanceOf(ConflictException.class)
        .hasMessage("Bind for 127.0.0.1:" + some + " failed: port is already allocated");
    assertThat(ports.allocate("udp", List.of(ANY4), some, some, 1)).isEqualTo(some);
    // IPv6 sockets are V6ONLY: :: does not clash with 0.0.0.0
    assertThat(ports.allocate("tcp", List.of(ANY6), some, some, 1)).isEqualTo(some);
    ports.release("tcp", List.of(ANY4), some, 1);
    assertThat(ports.allocate("tcp", List.of(LOOPBACK), some, some, 1)).isEqualTo(some);
  }

  @Property
  void rangesAreTakenWholeOrNotAtAllAndDynamicRangesAreConsecutive(
      @ForAll @IntRange(min = 2, max = 20) int length, @ForAll @IntRange(min = 1, max = 40) int rounds,
      @ForAll @IntRange(min = 0, max = 19) int clash) {
    PortAllocator ports = new PortAllocator("40000\t40199");
    List<InetAddress> both = List.of(ANY4, ANY6);
    Set<Integer> given = new HashSet<>();
    for (int i = 0; i < rounds; i++) {
      int start;
      try {
        start = ports.allocate("tcp", both, 0, 0, length);
      } catch (dev.lanyard.UnavailableException full) {
        assertThat(given.size()).isGreaterThan(200 - length); // fewer than `length` ports are left
        break;
      }
      assertThat(start).isBetween(40000, 40200 - length);
      for (int p = start; p < start + length; p++) {
        assertThat(given.add(p)).as("port %d given twice", p).isTrue();
      }
    }
    int taken = given.iterator().next();
    int low = Math.max(1, taken - Math.min(clash, length - 1));
    Set<Integer> before = new HashSet<>(given);
    assertThatThrownBy(() -> ports.allocate("tcp", List.of(LOOPBACK), low, low + length - 1, length))
        .isInstanceOf(ConflictException.class).hasMessageContaining("failed: port is already allocated");
    // nothing of the refused range was kept: every port outside the given ones is still free on its own
    for (int p = low; p < low + length; p++) {
      if (!before.contains(p)) {
        int port = p;
        assertThat(ports.allocate("tcp", List.of(LOOPBACK), port, port, 1)).isEqualTo(port);
      }
    }
    // a host range with one container port takes the first free port of it
    int pick = ports.allocate("udp", List.of(ANY4), 40000, 40010, 1);
    assertThat(pick).isEqualTo(40000);
    assertThat(ports.allocate("udp", List.of(LOOPBACK), 40000, 40010, 1)).isEqualTo(40001);
  }

  @Property
  void everyPublishedMappingIsOneDnatRuleAndAMovedRangeMapsEachPortToItsPartner(
      @ForAll @IntRange(min = 1, max = 6) int mappings, @ForAll @IntRange(min = 1, max = 40) int count,
      @ForAll boolean moved, @ForAll boolean v6, @ForAll boolean loopback) {
    NetworkSpec spec = new NetworkSpec(String.format("%064x", 7), "n", Map.of(),
        List.of(new NetworkSpec.Subnet(IpPrefix.parse("10.7.0.0/16"), Optional.of(IpPrefix.parseAddress("10.7.0.1")))),
        List.of(new NetworkSpec.Subnet(IpPrefix.parse("fd00:7::/64"), Optional.of(IpPrefix.parseAddress("fd00:7::1")))),
        false, Map.of());
    InetAddress container = IpPrefix.parseAddress(v6 ? "fd00:7::2" : "10.7.0.2");
    InetAddress hostIp = IpPrefix.parseAddress(v6 ? (loopback ? "::1" : "::") : (loopback ? "127.0.0.1" : "0.0.0.0"));
    List<FirewallPlan.Published> ports = new ArrayList<>();
    for (int i = 0; i < mappings; i++) {
      int containerPort = 1000 + i * 100;
      ports.add(new FirewallPlan.Published(spec.id(), container, "tcp", containerPort, hostIp,
          moved ? 20000 + i * 100 : containerPort, count));
    }
    FirewallPlan.TablePlan plan = FirewallPlan.plan(List.of(BridgeConfig.of(spec)), ports, List.of()).get(v6 ? 1 : 0);
    List<Rule> dnat = plan.rules().stream().filter(r -> r.chain().equals(FirewallPlan.DNAT_CHAIN)).toList();
    assertThat(dnat).hasSize(mappings);
    List<NftSet> portMaps = plan.maps().keySet().stream().filter(m -> m.name().startsWith("dnat-ports__")).toList();
    assertThat(portMaps).hasSize(moved && count > 1 ? mappings : 0);
    for (NftSet m : portMaps) {
      List<SetElement> elements = plan.maps().get(m);
      assertThat(elements).hasSize(count);
      for (SetElement e : elements) {
        int hostPort = port(e.key());
        int containerPort = port(e.data().orElseThrow());
        assertThat(hostPort - containerPort).isEqualTo(19000);
      }
    }
    long loopbackDrops = plan.rules().stream().filter(r -> r.comment().orElse("").equals("DROP REMOTE LOOPBACK")).count();
    assertThat(loopbackDrops).isEqualTo(!v6 && loopback ? mappings : 0);
    // the other table holds none of it
    FirewallPlan.TablePlan other = FirewallPlan.plan(List.of(BridgeConfig.of(spec)), ports, List.of()).get(v6 ? 0 : 1);
    assertThat(other.rules()).noneMatch(r -> r.chain().equals(FirewallPlan.DNAT_CHAIN));
  }

  private static int port(Bytes b) {
    return ((b.get(0) & 0xff) << 8) | (b.get(1) & 0xff);
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
