package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.Rulesets.address;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Rules sent through this package act on real packets between two scratch namespaces. */
@KernelTest
class NftTrafficTest {

  @Test
  void aDropRuleStopsPingAndCountsItUntilItIsDeleted(LabNamespace a, LabNamespace b) {
    link(a, b);
    assertThat(a.ping("10.99.0.2")).as("ping before any rule").isTrue();
    Rule drop = Rule.in(Family.INET, "t", "input")
        .add(Match.ipv4()).add(Match.ipSaddr(address("10.99.0.1"), 32)).add(Match.l4proto(Match.ICMP))
        .add(Action.counter(), Action.drop()).build();
    try (NetNs ns = NetNs.open(b.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(Table.of(Family.INET, "t"))
          .addChain(Chain.base(Family.INET, "t", "input", ChainType.FILTER, Hook.INPUT, 0, BaseChain.Policy.ACCEPT))
          .addRule(drop));

      assertThat(a.ping("10.99.0.2")).as("ping with the drop rule").isFalse();
      Rule listed = nft.rules(Family.INET, "t", "input").get(0);
      Counter counter = (Counter) listed.exprs().get(6);
      assertThat(counter.packets()).isPositive();

      nft.apply(Batch.create().deleteRule(listed));
      assertThat(a.ping("10.99.0.2")).as("ping after deleting the rule").isTrue();
    }
  }

  @Test
  void aDnatRuleSendsPingsForAnotherAddressToThePeer(LabNamespace a, LabNamespace b) {
    link(a, b);
    a.exec("ip", "route", "add", "10.99.9.9/32", "dev", "va").orFail();
    assertThat(a.ping("10.99.9.9")).as("nobody has 10.99.9.9").isFalse();
    try (NetNs ns = NetNs.open(a.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(Table.of(Family.IP, "nat"))
          .addChain(Chain.base(Family.IP, "nat", "output", ChainType.NAT, Hook.OUTPUT, -100, BaseChain.Policy.ACCEPT))
          .addRule(Rule.in(Family.IP, "nat", "output").add(Match.ipDaddr(address("10.99.9.9"), 32))
              .add(Action.dnat(address("10.99.0.2"))).build()));
    }
    assertThat(a.ping("10.99.9.9")).as("10.99.9.9 translated to the peer").isTrue();
  }

  /** A veth pair va (10.99.0.1/24, in a) — vb (10.99.0.2/24, in b), both up. */
  private static void link(LabNamespace a, LabNamespace b) {
    for (List<String> step : List.of(
        List.of("ip", "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b.name()),
        List.of("ip", "addr", "add", "10.99.0.1/24", "dev", "va"),
        List.of("ip", "link", "set", "va", "up"))) {
      a.exec(step.toArray(String[]::new)).orFail();
    }
    b.exec("ip", "addr", "add", "10.99.0.2/24", "dev", "vb").orFail();
    b.exec("ip", "link", "set", "vb", "up").orFail();
    awaitOperUp(a, "va");
    awaitOperUp(b, "vb");
  }

  /**
   * Waits until the kernel's link watcher has marked the device up (operstate UP): before that its
   * queue discipline still drops packets, so a first ping could be lost.
   */
  private static void awaitOperUp(LabNamespace ns, String device) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!"UP".equals(ns.ip("link", "show", device).get(0).path("operstate").asText())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(device + " in " + ns.name() + " not operationally up after 10 s");
      }
      Thread.onSpinWait();
    }
  }
}
