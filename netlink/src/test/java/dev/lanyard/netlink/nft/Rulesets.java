package dev.lanyard.netlink.nft;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rulesets of golden/*.nft written with this package: the same tables, chains, sets and rules as
 * the nft text, so golden-byte tests and kernel tests compare the two.
 */
final class Rulesets {
  private Rulesets() {}

  static final Table FILTER = Table.of(Family.INET, "lanyard");

  static Rule filterRule() {
    return Rule.in(Family.INET, "lanyard", "forward")
        .add(Match.iifname("br0"))
        .add(Match.oifnameNot("br0"))
        .add(Match.ipv4())
        .add(Match.ipDaddr(address("10.1.0.0"), 16))
        .add(Match.tcpDport(8080))
        .add(Match.ctState(CtState.ESTABLISHED, CtState.RELATED))
        .add(Action.counter(), Action.accept())
        .comment("hello")
        .build();
  }

  /** golden/filter.nft. */
  static Batch filter() {
    return Batch.create()
        .addTable(FILTER)
        .addChain(Chain.base(Family.INET, "lanyard", "forward", ChainType.FILTER, Hook.FORWARD, 0,
            BaseChain.Policy.DROP))
        .addChain(Chain.regular(Family.INET, "lanyard", "user"))
        .addRule(filterRule());
  }

  /** The rules of golden/nat.nft, in file order. */
  static List<Rule> natRules() {
    Family ip = Family.IP;
    return List.of(
        Rule.in(ip, "nat", "prerouting")
            .add(Match.ipSaddr(address("172.16.0.0"), 12)).add(Match.tcpDport(80))
            .add(Action.dnat(address("172.17.0.2"), 8080)).build(),
        Rule.in(ip, "nat", "postrouting")
            .add(Match.l4proto(Match.UDP))
            .add(new Payload(PayloadBase.TRANSPORT, 0, 2, NfTables.NFT_REG_1),
                new Cmp(CmpOp.GTE, NfTables.NFT_REG_1, Bytes.port(1000)),
                new Cmp(CmpOp.LTE, NfTables.NFT_REG_1, Bytes.port(2000)))
            .add(Action.snat(address("10.0.0.1"))).build(),
        Rule.in(ip, "nat", "postrouting")
            .add(Match.oifnameNot("docker0")).add(Match.ipSaddr(address("172.17.0.0"), 16))
            .add(Action.masquerade()).build(),
        Rule.in(ip, "nat", "prerouting").add(Match.tcpDport(8080)).add(Action.redirect(80)).build(),
        Rule.in(ip, "nat", "prerouting").add(Action.setMark(0x10)).add(Action.ret()).build(),
        Rule.in(ip, "nat", "prerouting")
            .add(Match.ctStatus(NfConntrackCommon.IPS_DST_NAT)).add(Action.drop()).build(),
        Rule.in(ip, "nat", "prerouting").add(Match.sctpDport(9)).add(Action.goTo("docker")).build(),
        Rule.in(ip, "nat", "prerouting")
            .add(Match.dportNotInRange(Match.TCP, 1000, 2000)).add(Action.jump("docker")).build());
  }

  /** golden/nat.nft. */
  static Batch nat() {
    Family ip = Family.IP;
    Batch batch = Batch.create()
        .addTable(Table.of(ip, "nat"))
        .addChain(Chain.base(ip, "nat", "prerouting", ChainType.NAT, Hook.PREROUTING, -100, BaseChain.Policy.ACCEPT))
        .addChain(Chain.base(ip, "nat", "postrouting", ChainType.NAT, Hook.POSTROUTING, 100, BaseChain.Policy.ACCEPT))
        .addChain(Chain.regular(ip, "nat", "docker"));
    natRules().forEach(batch::addRule);
    return batch;
  }

  static final NftSet NETS = NftSet.of(Family.IP, "t", "nets", DataType.IPV4_ADDR, SetFlag.INTERVAL);
  static final NftSet VERDICTS = NftSet.map(Family.IP, "t", "verdicts", DataType.IFNAME, DataType.VERDICT);

  /** golden/sets.nft. */
  static Batch sets() {
    return Batch.create()
        .addTable(Table.of(Family.IP, "t"))
        .addChain(Chain.regular(Family.IP, "t", "c"))
        .addSet(NETS)
        .addSet(VERDICTS)
        .addRule(Rule.in(Family.IP, "t", "c").add(Match.ipDaddrInSet("nets", true)).add(Action.accept()).build())
        .addRule(Rule.in(Family.IP, "t", "c").add(Match.iifnameVmap("verdicts")).build());
  }

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  /** A golden resource's text. */
  static String resource(String name) {
    try (InputStream in = Rulesets.class.getResourceAsStream("golden/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource golden/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
