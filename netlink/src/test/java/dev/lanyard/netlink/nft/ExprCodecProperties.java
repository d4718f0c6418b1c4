package dev.lanyard.netlink.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.netlink.NlMessage;
import dev.lanyard.netlink.NlWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Round trips through the wire codec: what is encoded decodes to an equal value. No root needed. */
class ExprCodecProperties {

  @Property
  void expressionListsDecodeToWhatWasEncoded(@ForAll("exprLists") List<Expr> exprs) {
    NlWriter w = new NlWriter().begin(0, 0);
    ExprCodec.writeList(w, NfTables.NFTA_RULE_EXPRESSIONS, exprs, SetIds.NONE);
    w.end();
    NlMessage m = new NlMessage(w.buffer());
    assertThat(ExprCodec.readList(m.attrs(0).get(NfTables.NFTA_RULE_EXPRESSIONS))).isEqualTo(exprs);
  }

  @Property
  void rulesWithCommentsDecodeToWhatWasEncoded(@ForAll("exprLists") List<Expr> exprs,
      @ForAll("comments") String comment) {
    Rule rule = Rule.in(Family.INET, "t", "c").add(exprs).comment(comment).build();
    byte[] batch = Batch.create().addRule(rule).toByteArray();
    assertThat(NftCodec.rule(secondMessage(batch))).isEqualTo(rule);
  }

  @Property
  void intervalElementsComeBackAsTheRangesAdded(@ForAll @Size(min = 2, max = 40) Set<@IntRange(min = 0, max = 65535) Integer> points,
      @ForAll long seed) {
    List<Integer> sorted = new ArrayList<>(new TreeSet<>(points));
    List<SetElement> ranges = new ArrayList<>();
    for (int i = 0; i + 1 < sorted.size(); i += 2) {
      ranges.add(SetElement.range(Bytes.port(sorted.get(i)), Bytes.port(sorted.get(i + 1))));
    }
    NftSet set = NftSet.of(Family.IP, "t", "ports", DataType.INET_SERVICE, SetFlag.INTERVAL);
    byte[] batch = Batch.create().addElements(set, ranges).toByteArray();
    List<NftCodec.StoredElement> stored = new ArrayList<>(NftCodec.elements(secondMessage(batch)));
    Collections.shuffle(stored, new Random(seed)); // the kernel lists them in its own order
    assertThat(NftCodec.merge(set, stored)).isEqualTo(ranges);
  }

  @Property
  void prefixMatchesKeepOnlyTheNetworkBits(@ForAll("ipv4") byte[] address, @ForAll @IntRange(min = 1, max = 32) int length)
      throws Exception {
    List<Expr> match = Match.ipDaddr(java.net.InetAddress.getByAddress(address), length);
    Cmp cmp = (Cmp) match.get(match.size() - 1);
    Bytes mask = Bytes.prefixMask(4, length);
    Bytes expected = Bytes.of(address).and(mask);
    if (length % 8 == 0) {
      assertThat(match).hasSize(2);
      assertThat(cmp.data()).isEqualTo(expected.head(length / 8));
    } else {
      assertThat(match.get(1)).isEqualTo(new Bitwise(1, 1, mask, Bytes.zeros(4)));
      assertThat(cmp.data()).isEqualTo(expected);
    }
  }

  @Property
  void namesTooLongForTheKernelAreRefusedNamingThem(@ForAll @IntRange(min = 256, max = 600) int length) {
    String name = "x".repeat(length);
    assertThatThrownBy(() -> Table.of(Family.INET, name)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name).hasMessageContaining(length + " bytes");
  }

  @Property
  void elementsOfTheWrongSizeAreRefusedAndTheBatchStaysUnchanged(@ForAll @IntRange(min = 1, max = 16) int keyLength) {
    NftSet set = NftSet.of(Family.IP, "t", "s", DataType.IPV4_ADDR);
    Batch batch = Batch.create();
    byte[] before = Batch.create().toByteArray();
    if (keyLength == 4) {
      batch.addElements(set, List.of(SetElement.of(Bytes.zeros(keyLength))));
      assertThat(batch.size()).isEqualTo(1);
    } else {
      assertThatThrownBy(() -> batch.addElements(set, List.of(SetElement.of(Bytes.zeros(keyLength)))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 4");
      assertThat(batch.toByteArray()).isEqualTo(before);
    }
  }

  private static NlMessage secondMessage(byte[] batch) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(batch).order(java.nio.ByteOrder.nativeOrder());
    int first = b.getInt(0);
    int length = b.getInt(first);
    return new NlMessage(b.slice(first, length)).copy();
  }

  @Provide
  Arbitrary<byte[]> ipv4() {
    return Arbitraries.bytes().array(byte[].class).ofSize(4);
  }

  @Provide
  Arbitrary<String> comments() {
    return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(Rule.MAX_COMMENT_BYTES);
  }

  @Provide
  Arbitrary<List<Expr>> exprLists() {
    return expr().list().ofMaxSize(12);
  }

  private static Arbitrary<Integer> reg() {
    return Arbitraries.oneOf(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(8, 23));
  }

  private static Arbitrary<Integer> optionalReg() {
    return Arbitraries.oneOf(Arbitraries.just(0), reg());
  }

  private static Arbitrary<Bytes> data() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16).map(Bytes::of);
  }

  private static Arbitrary<Bytes> data(int length) {
    return Arbitraries.bytes().array(byte[].class).ofSize(length).map(Bytes::of);
  }

  private static Arbitrary<String> name() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40);
  }

  private static Arbitrary<Integer> natFlags() {
    return Arbitraries.of(0, NfNat.NF_NAT_RANGE_PROTO_RANDOM, NfNat.NF_NAT_RANGE_PERSISTENT,
        NfNat.NF_NAT_RANGE_PROTO_RANDOM_FULLY, NfNat.NF_NAT_RANGE_PROTO_RANDOM | NfNat.NF_NAT_RANGE_PERSISTENT);
  }

  private static Arbitrary<Verdict> verdict() {
    return Arbitraries.oneOf(
        Arbitraries.of(Verdict.ACCEPT, Verdict.DROP, Verdict.CONTINUE, Verdict.RETURN),
        name().map(Verdict::jump), name().map(Verdict::goTo));
  }

  private static Arbitrary<Expr> expr() {
    Arbitrary<Expr> metaLoad = Combinators.combine(Arbitraries.of(MetaKey.class), reg()).as(MetaLoad::new);
    Arbitrary<Expr> metaSet = Combinators.combine(Arbitraries.of(MetaKey.class), reg()).as(MetaSet::new);
    Arbitrary<Expr> payload = Combinators.combine(Arbitraries.of(PayloadBase.class),
        Arbitraries.integers().between(0, 200), Arbitraries.integers().between(1, 16), reg()).as(Payload::new);
    Arbitrary<Expr> cmp = Combinators.combine(Arbitraries.of(CmpOp.class), reg(), data()).as(Cmp::new);
    Arbitrary<Expr> bitwise = Arbitraries.integers().between(1, 16).flatMap(n ->
        Combinators.combine(reg(), reg(), data(n), data(n)).as(Bitwise::new));
    Arbitrary<Expr> range = Arbitraries.integers().between(1, 16).flatMap(n ->
        Combinators.combine(Arbitraries.of(true, false), reg(), data(n), data(n)).as(Range::new));
    Arbitrary<Expr> ct = Combinators.combine(Arbitraries.of(CtKey.class), reg()).as(Ct::new);
    Arbitrary<Expr> counter = Combinators.combine(Arbitraries.longs().greaterOrEqual(0),
        Arbitraries.longs().greaterOrEqual(0)).as(Counter::new);
    Arbitrary<Expr> nat = Combinators.combine(Arbitraries.of(NatType.class), Arbitraries.of(Family.IP, Family.IP6),
        optionalReg(), optionalReg(), optionalReg(), optionalReg(), natFlags()).as(Nat::new);
    Arbitrary<Expr> masq = Combinators.combine(natFlags(), optionalReg(), optionalReg()).as(Masquerade::new);
    Arbitrary<Expr> redir = Combinators.combine(optionalReg(), optionalReg(), natFlags()).as(Redirect::new);
    Arbitrary<Expr> immediate = Combinators.combine(reg(), data()).as(Immediate::new);
    Arbitrary<Expr> verdictExpr = verdict().map(VerdictExpr::new);
    Arbitrary<Expr> lookup = Arbitraries.oneOf(
        Combinators.combine(name(), reg(), Arbitraries.of(true, false)).as(Lookup::in),
        Combinators.combine(name(), reg()).as(Lookup::verdictMap),
        Combinators.combine(name(), reg(), reg()).as((s, r, d) -> new Lookup(s, r, d, false)));
    Arbitrary<Expr> unknown = Combinators.combine(name().map(n -> "x" + n),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(Bytes::of)).as(UnknownExpr::new);
    return Arbitraries.oneOf(metaLoad, metaSet, payload, cmp, bitwise, range, ct, counter, nat, masq, redir,
        immediate, verdictExpr, lookup, unknown);
  }
}
