package dev.lanyard.netlink.nft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.netlink.Netlink;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Our batches, byte for byte, against what nft 1.0.6 sent for the same ruleset (golden/*.nft, captured
 * with golden/capture.sh: strace of {@code nft -f} in a scratch namespace). Sequence numbers and ports
 * are zeroed; the ACK flag is cleared because we ask the kernel to acknowledge the batch end and nft
 * does not. No root needed.
 */
class NftGoldenBytesTest {
  private static final String FILTER = "lanyard";

  @Test
  void filterTableChainsAndRuleMatchNft() throws Exception {
    Rule rule = Rule.in(Family.INET, FILTER, "forward")
        .add(Match.iifname("br0"))
        .add(Match.oifnameNot("br0"))
        .add(Match.ipv4())
        .add(Match.ipDaddr(InetAddress.getByName("10.1.0.0"), 16))
        .add(Match.tcpDport(8080))
        .add(Match.ctState(CtState.ESTABLISHED, CtState.RELATED))
        .add(Action.counter(), Action.accept())
        .comment("hello")
        .build();
    Batch batch = Batch.create()
        .addTable(Table.of(Family.INET, FILTER))
        .addChain(Chain.base(Family.INET, FILTER, "forward", ChainType.FILTER, Hook.FORWARD, 0, BaseChain.Policy.DROP))
        .addChain(Chain.regular(Family.INET, FILTER, "user"))
        .addRule(rule);
    assertSameMessages(batch, "filter");
  }

  @Test
  void natRulesMatchNft() throws Exception {
    Family ip = Family.IP;
    Batch batch = Batch.create()
        .addTable(Table.of(ip, "nat"))
        .addChain(Chain.base(ip, "nat", "prerouting", ChainType.NAT, Hook.PREROUTING, -100, BaseChain.Policy.ACCEPT))
        .addChain(Chain.base(ip, "nat", "postrouting", ChainType.NAT, Hook.POSTROUTING, 100, BaseChain.Policy.ACCEPT))
        .addChain(Chain.regular(ip, "nat", "docker"))
        .addRule(Rule.in(ip, "nat", "prerouting")
            .add(Match.ipSaddr(InetAddress.getByName("172.16.0.0"), 12)).add(Match.tcpDport(80))
            .add(Action.dnat(InetAddress.getByName("172.17.0.2"), 8080)).build())
        .addRule(Rule.in(ip, "nat", "postrouting")
            .add(Match.l4proto(Match.UDP))
            .add(new Payload(PayloadBase.TRANSPORT, 0, 2, NfTables.NFT_REG_1),
                new Cmp(CmpOp.GTE, NfTables.NFT_REG_1, Bytes.port(1000)),
                new Cmp(CmpOp.LTE, NfTables.NFT_REG_1, Bytes.port(2000)))
            .add(Action.snat(InetAddress.getByName("10.0.0.1"))).build())
        .addRule(Rule.in(ip, "nat", "postrouting")
            .add(Match.oifnameNot("docker0")).add(Match.ipSaddr(InetAddress.getByName("172.17.0.0"), 16))
            .add(Action.masquerade()).build())
        .addRule(Rule.in(ip, "nat", "prerouting").add(Match.tcpDport(8080)).add(Action.redirect(80)).build())
        .addRule(Rule.in(ip, "nat", "prerouting").add(Action.setMark(0x10)).add(Action.ret()).build())
        .addRule(Rule.in(ip, "nat", "prerouting")
            .add(Match.ctStatus(NfConntrackCommon.IPS_DST_NAT)).add(Action.drop()).build())
        .addRule(Rule.in(ip, "nat", "prerouting")
            .add(Match.sctpDport(9)).add(Action.goTo("docker")).build())
        .addRule(Rule.in(ip, "nat", "prerouting")
            .add(Match.dportNotInRange(Match.TCP, 1000, 2000)).add(Action.jump("docker")).build());
    assertSameMessages(batch, "nat");
  }

  @Test
  void setsMapsAndLookupsMatchNft() throws Exception {
    NftSet nets = NftSet.of(Family.IP, "t", "nets", DataType.IPV4_ADDR, SetFlag.INTERVAL);
    NftSet verdicts = NftSet.map(Family.IP, "t", "verdicts", DataType.IFNAME, DataType.VERDICT);
    Batch batch = Batch.create()
        .addTable(Table.of(Family.IP, "t"))
        .addChain(Chain.regular(Family.IP, "t", "c"))
        .addSet(nets)
        .addSet(verdicts)
        .addRule(Rule.in(Family.IP, "t", "c").add(Match.ipDaddrInSet("nets", true)).add(Action.accept()).build())
        .addRule(Rule.in(Family.IP, "t", "c").add(Match.iifnameVmap("verdicts")).build());
    assertSameMessages(batch, "sets");
  }

  private static void assertSameMessages(Batch batch, String golden) throws IOException {
    byte[] ours = normalise(batch.toByteArray());
    byte[] nft = normalise(HexFormat.of().parseHex(resource(golden + ".hex").replaceAll("\\s", "")));
    assertThat(HexFormat.of().formatHex(ours)).isEqualTo(HexFormat.of().formatHex(nft));
  }

  /** Zeroes sequence numbers and port ids and clears NLM_F_ACK in every message header. */
  private static byte[] normalise(byte[] messages) {
    ByteBuffer b = ByteBuffer.wrap(messages.clone()).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 0;
    while (pos + Netlink.HEADER_LENGTH <= b.limit()) {
      int length = b.getInt(pos);
      b.putShort(pos + 6, (short) (b.getShort(pos + 6) & ~Netlink.NLM_F_ACK));
      b.putInt(pos + 8, 0).putInt(pos + 12, 0);
      pos += Netlink.align(length);
    }
    assertThat(pos).isEqualTo(b.limit());
    return b.array();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = NftGoldenBytesTest.class.getResourceAsStream("golden/" + name)) {
      assertThat(in).as("resource golden/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
