package dev.lanyard.netlink.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.NetlinkException;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import org.junit.jupiter.api.Test;

/** Kernel refusals: typed, naming the change, the errno and the kernel's text; and nothing changed. */
@KernelTest
class NftErrorsTest {
  private static final Table T = Table.of(Family.INET, "t");
  private static final Chain C = Chain.regular(Family.INET, "t", "c");

  @Test
  void aRuleForAMissingChainFailsWithEnoentNamingTheRule(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(T));
      Rule rule = Rule.in(Family.INET, "t", "missing").add(Action.accept()).build();
      assertThatThrownBy(() -> nft.apply(Batch.create().addRule(rule)))
          .isInstanceOfSatisfying(NetlinkException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.ENOENT);
            assertThat(e.operation()).isEqualTo("add rule inet t missing");
            assertThat(e.badAttribute()).isEqualTo("NFTA_RULE_CHAIN \"missing\"");
          })
          .hasMessage("add rule inet t missing: ENOENT (No such file or directory): "
              + "refused attribute NFTA_RULE_CHAIN \"missing\"");
    }
  }

  @Test
  void aLookupOfAMissingSetNamesTheExpression(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(T).addChain(C));
      Rule rule = Rule.in(Family.INET, "t", "c").add(Match.ipv4()).add(Match.ipDaddrInSet("nosuchset", false))
          .add(Action.accept()).build();
      assertThatThrownBy(() -> nft.apply(Batch.create().addRule(rule)))
          .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
          .hasMessage("add rule inet t c: ENOENT (No such file or directory): "
              + "refused attribute NFTA_RULE_EXPRESSIONS[3] lookup");
    }
  }

  @Test
  void creatingAnExistingTableFailsWithEexist(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(T));
      nft.apply(Batch.create().addTable(T)); // add is idempotent
      assertThatThrownBy(() -> nft.apply(Batch.create().createTable(T)))
          .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST))
          .hasMessageStartingWith("create table inet t: EEXIST");
      assertThatThrownBy(() -> nft.apply(Batch.create().addChain(C).createChain(C)))
          .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST))
          .hasMessageStartingWith("create chain inet t c: EEXIST");
    }
  }

  @Test
  void deletingAChainThatIsJumpedToFailsWithEbusy(LabNamespace scratch) {
    Chain from = Chain.regular(Family.INET, "t", "from");
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(T).addChain(C).addChain(from)
          .addRule(Rule.in(Family.INET, "t", "from").add(Action.jump("c")).build()));
      assertThatThrownBy(() -> nft.apply(Batch.create().deleteChain(C)))
          .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY))
          .hasMessageStartingWith("delete chain inet t c: EBUSY");
      assertThat(nft.chains(Family.INET, "t")).extracting(Chain::name).containsExactlyInAnyOrder("c", "from");
    }
  }

  @Test
  void aBaseChainOfTheWrongHookForNatFailsWithTheKernelsText(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      Chain bad = Chain.base(Family.INET, "t", "n", ChainType.NAT, Hook.FORWARD, 0, BaseChain.Policy.ACCEPT);
      assertThatThrownBy(() -> nft.apply(Batch.create().addTable(T).addChain(bad)))
          .isInstanceOfSatisfying(NetlinkException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.ENOTSUP);
            assertThat(e.operation()).isEqualTo("add chain inet t n");
          });
    }
  }

  @Test
  void aBatchWithOneBadChangeChangesNothing(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(Table.of(Family.IP, "existing")));
      var before = NftJson.ruleset(scratch);
      long generation = nft.generation();
      Batch batch = Batch.create()
          .addTable(T).addChain(C)
          .addRule(Rule.in(Family.INET, "t", "c").add(Match.tcpDport(80)).add(Action.accept()).build())
          .addSet(NftSet.of(Family.INET, "t", "s", DataType.IPV4_ADDR))
          .deleteTable(Table.of(Family.IP, "existing"))
          .addRule(Rule.in(Family.INET, "t", "nochain").add(Action.drop()).build())
          .addRule(Rule.in(Family.INET, "t", "c").add(Action.drop()).build());
      assertThatThrownBy(() -> nft.apply(batch))
          .isInstanceOfSatisfying(NetlinkException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.ENOENT);
            assertThat(e.operation()).isEqualTo("add rule inet t nochain");
          });
      assertThat(NftJson.ruleset(scratch)).isEqualTo(before);
      assertThat(nft.tables()).extracting(Table::toString).containsExactly("table ip existing");
      assertThat(nft.generation()).isEqualTo(generation);
    }
  }

  @Test
  void anAppliedBatchCannotTakeMoreChanges(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      Batch batch = Batch.create().addTable(T);
      nft.apply(batch);
      assertThatThrownBy(() -> batch.addChain(C)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already applied");
      assertThat(nft.tables(Family.INET)).hasSize(1);
    }
  }

  @Test
  void listingTheElementsOfAMissingSetFailsWithEnoent(LabNamespace scratch) {
    NftSet missing = NftSet.of(Family.INET, "t", "missing", DataType.IPV4_ADDR);
    try (NetNs ns = NetNs.open(scratch.path()); Nft nft = Nft.openIn(ns)) {
      nft.apply(Batch.create().addTable(T));
      assertThatThrownBy(() -> nft.elements(missing))
          .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
          .hasMessageStartingWith("list elements of set inet t missing: ENOENT");
      assertThat(nft.rules(Family.INET, "nope", "c")).as("the kernel filters a rule dump silently").isEmpty();
    }
  }
}
