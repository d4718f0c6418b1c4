package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.Rulesets.address;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every batch operation against the real kernel in scratch namespaces, checked with the oracle: the
 * same ruleset written by {@code nft -f} in a second namespace must list identically in
 * {@code nft -j list ruleset} (handles aside), and our own listing must give back the values sent.
 */
@KernelTest
class NftKernelTest {

  @Test
  void filterTableChainsAndRuleListLikeTheSameRulesetWrittenByNft(LabNamespace ours, LabNamespace theirs) {
    try (NetNs ns = NetNs.open(ours.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Rulesets.filter());

      assertThat(nft.tables(Family.INET)).extracting(Table::name).containsExactly("lanyard");
      assertThat(nft.chains(Family.INET, "lanyard")).extracting(c -> c.withHandle(0))
          .containsExactlyInAnyOrder(
              Chain.base(Family.INET, "lanyard", "forward", ChainType.FILTER, Hook.FORWARD, 0, BaseChain.Policy.DROP),
              Chain.regular(Family.INET, "lanyard", "user"));
      List<Rule> rules = nft.rules(Family.INET, "lanyard", "forward");
      assertThat(rules).hasSize(1);
      assertThat(rules.get(0).handle()).isPositive();
      assertThat(rules.get(0).withHandle(0)).isEqualTo(Rulesets.filterRule());
    }
    NftJson.nftFile(theirs, Rulesets.resource("filter.nft"));
    assertThat(NftJson.ruleset(ours)).isEqualTo(NftJson.ruleset(theirs));
    assertThat(ours.nft("list", "ruleset").stdout()).contains("comment \"hello\"");
  }

  @Test
  void natRulesListLikeTheSameRulesWrittenByNft(LabNamespace ours, LabNamespace theirs) {
    try (NetNs ns = NetNs.open(ours.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Rulesets.nat());

      List<Rule> expected = Rulesets.natRules();
      List<Rule> pre = nft.rules(Family.IP, "nat", "prerouting");
      List<Rule> post = nft.rules(Family.IP, "nat", "postrouting");
      assertThat(pre).extracting(r -> r.withHandle(0)).containsExactly(
          expected.get(0), expected.get(3), expected.get(4), expected.get(5), expected.get(6), expected.get(7));
      assertThat(post).extracting(r -> r.withHandle(0)).containsExactly(expected.get(1), expected.get(2));
    }
    NftJson.nftFile(theirs, Rulesets.resource("nat.nft"));
    assertThat(NftJson.ruleset(ours)).isEqualTo(NftJson.ruleset(theirs));
  }

  @Test
  void ipv6UdpSctpMarkAndPortRangeMatchesListLikeNft(LabNamespace ours, LabNamespace theirs) {
    Family inet = Family.INET;
    NftSet nets6 = NftSet.of(inet, "t", "nets6", DataType.IPV6_ADDR, SetFlag.INTERVAL);
    NftSet out = NftSet.map(inet, "t", "out", DataType.IFNAME, DataType.VERDICT);
    List<Rule> rules = List.of(
        Rule.in(inet, "t", "c").add(Match.ipv6()).add(Match.ipSaddr(address("fd00::"), 64))
            .add(Match.udpSport(53)).add(Action.accept()).build(),
        Rule.in(inet, "t", "c").add(Match.ipv6()).add(Match.ipDaddrNot(address("fd00:1::"), 100))
            .add(Action.drop()).build(),
        Rule.in(inet, "t", "c").add(Match.sctpSport(7)).add(Action.accept()).build(),
        Rule.in(inet, "t", "c").add(Match.udpDport(9)).add(Action.accept()).build(),
        Rule.in(inet, "t", "c").add(Match.mark(0x2a)).add(Match.dportRange(Match.TCP, 1000, 2000))
            .add(Action.cont()).build(),
        Rule.in(inet, "t", "c").add(Match.iifname("br0")).add(Match.oifnameVmap("out")).build(),
        Rule.in(inet, "t", "c").add(Match.ipv4()).add(Match.ipSaddrNot(address("192.168.0.0"), 23))
            .add(Match.tcpSport(22)).add(Match.ctState(CtState.NEW, CtState.INVALID, CtState.UNTRACKED))
            .add(Action.ret()).build());
    try (NetNs ns = NetNs.open(ours.path()); Nft nft = Nft.openIn(ns)) {
      Batch batch = Batch.create().addTable(Table.of(inet, "t")).addChain(Chain.regular(inet, "t", "c"))
          .addSet(nets6).addSet(out)
          .addElements(nets6, List.of(SetElement.prefix(address("fd00:1::"), 48)))
          .addElements(out, List.of(SetElement.verdict(Bytes.ifname("eth0"), Verdict.ACCEPT)));
      rules.forEach(batch::addRule);
      nft.apply(batch);
      assertThat(nft.rules(inet, "t", "c")).extracting(r -> r.withHandle(0)).containsExactlyElementsOf(rules);
      assertThat(nft.elements(nets6)).containsExactly(SetElement.prefix(address("fd00:1::"), 48));
    }
    NftJson.nftFile(theirs, """
        add table inet t
        add chain inet t c
        add set inet t nets6 { type ipv6_addr; flags interval; }
        add map inet t out { type ifname : verdict; }
        add element inet t nets6 { fd00:1::/48 }
        add element inet t out { "eth0" : accept }
        add rule inet t c ip6 saddr fd00::/64 udp sport 53 accept
        add rule inet t c ip6 daddr != fd00:1::/100 drop
        add rule inet t c sctp sport 7 accept
        add rule inet t c udp dport 9 accept
        add rule inet t c meta mark 0x2a tcp dport 1000-2000 continue
        add rule inet t c iifname "br0" oifname vmap @out
        add rule inet t c ip saddr != 192.168.0.0/23 tcp sport 22 ct state new,invalid,untracked return
        """);
    assertThat(NftJson.ruleset(ours)).isEqualTo(NftJson.ruleset(theirs));
  }

  @Test
  void setsMapsElementsAndLookupsListLikeNft(LabNamespace ours, LabNamespace theirs) {
    NftSet ports = NftSet.of(Family.IP, "t", "ports", DataType.INET_SERVICE, SetFlag.INTERVAL);
    NftSet protos = NftSet.of(Family.IP, "t", "protos", DataType.INET_PROTO, SetFlag.CONSTANT);
    NftSet marks = NftSet.of(Family.IP, "t", "marks", DataType.MARK).withTimeout(Duration.ofSeconds(30));
    NftSet backends = NftSet.map(Family.IP, "t", "backends", DataType.INET_SERVICE, DataType.IPV4_ADDR);
    List<SetElement> netElements = List.of(
        SetElement.prefix(address("10.0.0.0"), 8), SetElement.of(Bytes.address(address("192.168.1.1"))));
    List<SetElement> portElements = List.of(
        SetElement.range(Bytes.port(1000), Bytes.port(2000)), SetElement.of(Bytes.port(8080)));
    List<SetElement> verdictElements = List.of(
        SetElement.verdict(Bytes.ifname("br0"), Verdict.jump("d")),
        SetElement.verdict(Bytes.ifname("eth9"), Verdict.DROP));
    List<SetElement> backendElements = List.of(
        SetElement.mapping(Bytes.port(80), Bytes.address(address("172.17.0.2"))));
    try (NetNs ns = NetNs.open(ours.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Rulesets.sets()
          .addChain(Chain.regular(Family.IP, "t", "d"))
          .addSet(ports).addSet(protos).addSet(marks).addSet(backends)
          .addElements(Rulesets.NETS, netElements)
          .addElements(ports, portElements)
          .addElements(protos, List.of(SetElement.of(Bytes.u8(Match.TCP)), SetElement.of(Bytes.u8(Match.UDP))))
          .addElements(Rulesets.VERDICTS, verdictElements)
          .addElements(backends, backendElements));

      assertThat(nft.sets(Family.IP, "t")).extracting(s -> s.withHandle(0))
          .containsExactlyInAnyOrder(Rulesets.NETS, Rulesets.VERDICTS, ports, protos, marks, backends);
      assertThat(nft.elements(Rulesets.NETS)).containsExactly(
          netElements.get(0),
          SetElement.range(Bytes.address(address("192.168.1.1")), Bytes.address(address("192.168.1.1"))));
      assertThat(nft.elements(ports)).containsExactly(
          portElements.get(0), SetElement.range(Bytes.port(8080), Bytes.port(8080)));
      assertThat(nft.elements(Rulesets.VERDICTS)).containsExactlyInAnyOrderElementsOf(verdictElements);
      assertThat(nft.elements(backends)).containsExactlyElementsOf(backendElements);
    }
    NftJson.nftFile(theirs, Rulesets.resource("sets.nft") + """
        add chain ip t d
        add set ip t ports { type inet_service; flags interval; }
        add set ip t protos { type inet_proto; flags constant; }
        add set ip t marks { type mark; flags timeout; timeout 30s; }
        add map ip t backends { type inet_service : ipv4_addr; }
        add element ip t nets { 10.0.0.0/8, 192.168.1.1 }
        add element ip t ports { 1000-2000, 8080 }
        add element ip t protos { tcp, udp }
        add element ip t verdicts { "br0" : jump d, "eth9" : drop }
        add element ip t backends { 80 : 172.17.0.2 }
        """);
    assertThat(NftJson.ruleset(ours)).isEqualTo(NftJson.ruleset(theirs));
  }

  @Test
  void elementsWithTimeoutsExpireOnTheirOwnTimer(LabNamespace scratch) {
    NftSet marks = NftSet.of(Family.IP, "t", "marks", DataType.MARK, SetFlag.TIMEOUT);
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(Table.of(Family.IP, "t")).addSet(marks)
          .addElements(marks, List.of(SetElement.of(Bytes.u32Host(7)).withTimeout(Duration.ofMinutes(5)))));
      List<SetElement> listed = nft.elements(marks);
      assertThat(listed).hasSize(1);
      assertThat(listed.get(0).key()).isEqualTo(Bytes.u32Host(7));
      assertThat(listed.get(0).timeout()).contains(Duration.ofMinutes(5));
    }
    assertThat(scratch.nft("list", "set", "ip", "t", "marks").stdout()).contains("0x00000007 timeout 5m");
  }

  @Test
  void deletingARangeOfAnIntervalSetLeavesTheOtherRanges(LabNamespace scratch) {
    NftSet nets = NftSet.of(Family.INET, "t", "nets", DataType.IPV4_ADDR, SetFlag.INTERVAL);
    SetElement ten = SetElement.prefix(address("10.0.0.0"), 8);
    SetElement range = SetElement.range(Bytes.address(address("192.168.0.10")), Bytes.address(address("192.168.0.20")));
    SetElement broadcast = SetElement.of(Bytes.address(address("255.255.255.255")));
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(Table.of(Family.INET, "t")).addSet(nets)
          .addElements(nets, List.of(ten, range, broadcast)));
      assertThat(nft.elements(nets)).containsExactly(ten, range, SetElement.range(broadcast.key(), broadcast.key()));

      nft.apply(Batch.create().deleteElements(nets, List.of(range, broadcast)));
      assertThat(nft.elements(nets)).containsExactly(ten);
    }
    assertThat(scratch.nft("list", "set", "inet", "t", "nets").stdout())
        .contains("10.0.0.0/8").doesNotContain("192.168.0.10").doesNotContain("255.255.255.255");
  }

  @Test
  void rulesGoWhereAskedAndAreDeletedByHandle(LabNamespace scratch) {
    Family inet = Family.INET;
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(Table.of(inet, "t")).addChain(Chain.regular(inet, "t", "c"))
          .addRule(ruleWithPort(1)).addRule(ruleWithPort(2)));
      List<Rule> two = nft.rules(inet, "t", "c");
      long first = two.get(0).handle();
      long second = two.get(1).handle();

      nft.apply(Batch.create()
          .insertRule(ruleWithPort(0))
          .addRuleAfter(ruleWithPort(11), first)
          .insertRuleBefore(ruleWithPort(19), second)
          .addRule(ruleWithPort(3)));
      assertThat(ports(nft.rules(inet, "t", "c"))).containsExactly(0, 1, 11, 19, 2, 3);
      assertThat(NftJson.ruleHandles(scratch, "c")).containsExactlyElementsOf(
          nft.rules(inet, "t", "c").stream().map(Rule::handle).toList());

      nft.apply(Batch.create().deleteRule(inet, "t", "c", first).deleteRule(nft.rules(inet, "t", "c").get(0)));
      assertThat(ports(nft.rules(inet, "t", "c"))).containsExactly(11, 19, 2, 3);
      assertThat(NftJson.ruleHandles(scratch, "c")).hasSize(4).doesNotContain(first);
    }
  }

  @Test
  void flushAndDeleteRemoveWhatNftNoLongerLists(LabNamespace scratch) {
    Family inet = Family.INET;
    Table t = Table.of(inet, "t");
    Chain c = Chain.regular(inet, "t", "c");
    Chain empty = Chain.regular(inet, "t", "empty");
    NftSet s = NftSet.of(inet, "t", "s", DataType.IPV4_ADDR);
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(t).addChain(c).addChain(empty).addSet(s)
          .addElements(s, List.of(SetElement.of(Bytes.address(address("10.0.0.1"))),
              SetElement.of(Bytes.address(address("10.0.0.2")))))
          .addRule(ruleWithPort(1)).addRule(ruleWithPort(2)));

      nft.apply(Batch.create().flushTable(t).deleteChain(empty)
          .deleteElements(s, List.of(SetElement.of(Bytes.address(address("10.0.0.1"))))));
      assertThat(nft.rules(inet, "t", "c")).isEmpty();
      assertThat(nft.chains(inet, "t")).extracting(Chain::name).containsExactly("c");
      assertThat(nft.elements(s)).containsExactly(SetElement.of(Bytes.address(address("10.0.0.2"))));
      String listed = scratch.nft("list", "ruleset").stdout();
      assertThat(listed).contains("chain c").doesNotContain("chain empty").doesNotContain("dport")
          .contains("10.0.0.2").doesNotContain("10.0.0.1");

      nft.apply(Batch.create().deleteSet(s));
      assertThat(nft.sets(inet, "t")).isEmpty();
      nft.apply(Batch.create().deleteTable(t));
      assertThat(nft.tables()).isEmpty();
    }
    assertThat(NftJson.ruleset(scratch).get("nftables")).isEmpty();
  }

  @Test
  void tablesOfEveryFamilyAreListed(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      Batch batch = Batch.create();
      for (Family f : List.of(Family.INET, Family.IP, Family.IP6, Family.BRIDGE)) {
        batch.addTable(Table.of(f, "t"));
      }
      nft.apply(batch);
      assertThat(nft.tables()).extracting(Table::family)
          .containsExactlyInAnyOrder(Family.INET, Family.IP, Family.IP6, Family.BRIDGE);
      assertThat(nft.tables(Family.IP6)).extracting(Table::toString).containsExactly("table ip6 t");
    }
    assertThat(scratch.nft("list", "tables").stdout())
        .contains("table inet t", "table ip t", "table ip6 t", "table bridge t");
  }

  @Test
  void generationChangesWithOurBatchesAndWithOthers(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      long before = nft.generation();
      nft.apply(Batch.create().addTable(Table.of(Family.INET, "t")));
      long afterOurs = nft.generation();
      assertThat(afterOurs).isNotEqualTo(before);
      assertThat(nft.generation()).isEqualTo(afterOurs);
      scratch.nft("add", "table", "ip", "other").orFail();
      assertThat(nft.generation()).isNotEqualTo(afterOurs);
    }
  }

  @Test
  void aMonitorSeesSomeoneFlushTheRuleset(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns); NftMonitor monitor = NftMonitor.openIn(ns)) {
      nft.apply(Batch.create().addTable(Table.of(Family.INET, "mine")).addChain(Chain.regular(Family.INET, "mine", "c")));
      scratch.nft("flush", "ruleset").orFail();

      List<NftEvent> events = new java.util.ArrayList<>();
      while (events.stream().noneMatch(e -> e.kind() == NftEvent.Kind.DELETE_TABLE)) {
        assertThat(monitor.poll(events::add)).as("a notification before the timeout").isTrue();
      }
      assertThat(events).contains(
          new NftEvent(NftEvent.Kind.NEW_TABLE, Optional.of(Family.INET), "mine", "mine", 0),
          new NftEvent(NftEvent.Kind.NEW_CHAIN, Optional.of(Family.INET), "mine", "c", 0),
          new NftEvent(NftEvent.Kind.DELETE_TABLE, Optional.of(Family.INET), "mine", "mine", 0));
      assertThat(events).filteredOn(e -> e.kind() == NftEvent.Kind.NEW_GENERATION).isNotEmpty()
          .allSatisfy(e -> assertThat(e.generation()).isPositive());
    }
  }

  private static Rule ruleWithPort(int port) {
    return Rule.in(Family.INET, "t", "c").add(Match.tcpDport(port)).add(Action.accept()).build();
  }

  private static List<Integer> ports(List<Rule> rules) {
    return rules.stream().map(r -> {
      Cmp cmp = (Cmp) r.exprs().get(3);
      return ((cmp.data().get(0) & 0xff) << 8) | (cmp.data().get(1) & 0xff);
    }).toList();
  }
}
