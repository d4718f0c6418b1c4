package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.Rulesets.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad values are refused when built, with a message naming the bad value. No root needed. */
class NftValuesTest {

  @Test
  void interfaceNamesMustFitIfnamsiz() {
    assertThat(Bytes.ifname("br0").length()).isEqualTo(16);
    assertThatThrownBy(() -> Match.iifname("a-very-long-name")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"a-very-long-name\"").hasMessageContaining("1..15 bytes");
    assertThatThrownBy(() -> Match.oifname("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void portsAndPrefixesAreChecked() {
    assertThatThrownBy(() -> Match.tcpDport(65536)).hasMessageContaining("65536");
    assertThatThrownBy(() -> Match.dport(1, 80)).hasMessageContaining("protocol 1");
    assertThatThrownBy(() -> Match.dportRange(Match.TCP, 90, 80)).hasMessageContaining("90-80");
    assertThatThrownBy(() -> Action.redirect(0)).hasMessageContaining("port must be 1..65535: 0");
    assertThatThrownBy(() -> Match.ipDaddr(address("10.0.0.0"), 33)).hasMessageContaining("10.0.0.0")
        .hasMessageContaining("33");
    assertThatThrownBy(() -> Match.ipSaddr(address("fd00::"), 0)).hasMessageContaining("1..128");
  }

  @Test
  void verdictsAndLookupsAreConsistent() {
    assertThatThrownBy(() -> new Verdict(Verdict.Kind.JUMP, null)).hasMessageContaining("chain name");
    assertThatThrownBy(() -> new Verdict(Verdict.Kind.ACCEPT, "c")).hasMessageContaining("takes no chain");
    assertThatThrownBy(() -> new Lookup("s", 1, 2, true)).hasMessageContaining("inverted lookup of set s");
    assertThatThrownBy(() -> new Cmp(CmpOp.EQ, 5, Bytes.u8(1))).hasMessageContaining("not a data register: 5");
    assertThatThrownBy(() -> new Nat(NatType.DNAT, Family.IP, 1, 0, 0, 0, NfNat.NF_NAT_RANGE_MAP_IPS))
        .hasMessageContaining("MAP_IPS");
    assertThatThrownBy(() -> new Nat(NatType.DNAT, Family.INET, 1, 0, 0, 0, 0)).hasMessageContaining("ip or ip6");
  }

  @Test
  void rulesSetsAndElementsAreChecked() {
    assertThatThrownBy(() -> Rule.in(Family.INET, "t", "c").comment("x".repeat(129)))
        .hasMessageContaining("1..128 bytes");
    assertThatThrownBy(() -> NftSet.of(Family.IP, "t", "s", DataType.VERDICT)).hasMessageContaining("verdicts cannot be keys");
    assertThatThrownBy(() -> NftSet.of(Family.IP, "t", "s", DataType.MARK).withTimeout(Duration.ZERO))
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> SetElement.range(Bytes.port(9), Bytes.port(8))).hasMessageContaining("start after end");
    assertThatThrownBy(() -> Chain.base(Family.NETDEV, "t", "c", ChainType.FILTER, Hook.INPUT, 0,
        BaseChain.Policy.ACCEPT)).hasMessageContaining("netdev");

    NftSet plain = NftSet.of(Family.IP, "t", "s", DataType.INET_SERVICE);
    NftSet vmap = NftSet.map(Family.IP, "t", "m", DataType.IFNAME, DataType.VERDICT);
    Batch batch = Batch.create();
    assertThatThrownBy(() -> batch.addElements(plain, List.of(SetElement.range(Bytes.port(1), Bytes.port(2)))))
        .hasMessageContaining("needs an interval set");
    assertThatThrownBy(() -> batch.addElements(plain, List.of(SetElement.of(Bytes.port(1)).withTimeout(Duration.ofSeconds(1)))))
        .hasMessageContaining("no flag TIMEOUT");
    assertThatThrownBy(() -> batch.addElements(vmap, List.of(SetElement.of(Bytes.ifname("br0")))))
        .hasMessageContaining("has no verdict");
    assertThatThrownBy(() -> batch.deleteRule(Family.INET, "t", "c", 0)).hasMessageContaining("handle must be positive: 0");
    assertThat(batch.size()).isZero();
  }
}
