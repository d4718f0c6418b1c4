package dev.lanyard.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The allocation-free fast path against dnsjava: what it writes, dnsjava reads back as the right answer. */
class FastPathProperties {

  record Query(String name, int type, boolean rd, Integer ednsSize, int id) {}

  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> label = Arbitraries.strings().withChars("abcXYZ019-_").ofMinLength(1).ofMaxLength(20);
    return label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
  }

  @Provide
  Arbitrary<Query> queries() {
    return Combinators.combine(names(), Arbitraries.of(Type.A, Type.AAAA), Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 5000).injectNull(0.3), Arbitraries.integers().between(0, 0xFFFF))
        .as(Query::new);
  }

  static byte[] wire(Query q) throws Exception {
    Message m = Message.newQuery(Record.newRecord(Name.fromString(q.name() + "."), q.type(), DClass.IN));
    m.getHeader().setID(q.id());
    if (!q.rd()) {
      m.getHeader().unsetFlag(Flags.RD);
    }
    if (q.ednsSize() != null) {
      m.addRecord(new OPTRecord(q.ednsSize(), 0, 0), Section.ADDITIONAL);
    }
    return m.toWire();
  }

  static byte[] addresses(int count, int size, int seed) {
    byte[] out = new byte[count * size];
    for (int i = 0; i < count; i++) {
      ByteBuffer.wrap(out, i * size, size).putInt(0x0A000000 + seed * 1000 + i);
      out[i * size + size - 1] = (byte) i;
    }
    return out;
  }

  static ContainerView viewOf(String name, NameEntry entry) {
    NameIndex index = new NameIndex(Map.of(new NameIndex.ByteArrayKey(DnsNames.wire(name)), entry));
    return new ContainerView(new NameIndex[] {index}, new NameIndex[] {NameIndex.EMPTY}, true);
  }

  @Property
  void answersReadBackByDnsjavaAsEveryAddressOnceWithTtl600AndTheQuestionAsAsked(@ForAll("queries") Query q,
      @ForAll @IntRange(min = 1, max = 80) int v4, @ForAll @IntRange(min = 0, max = 40) int v6) throws Exception {
    NameEntry entry = new NameEntry(addresses(v4, 4, 1), addresses(v6, 16, 2), null);
    byte[] query = wire(q);
    ByteBuffer out = ByteBuffer.allocate(4096);
    int n = new FastPath(q.id() + 1L).answer(ByteBuffer.wrap(query), query.length, out, out.capacity(),
        viewOf(q.name().toUpperCase(), entry), true);
    assertThat(n).isPositive();
    int limit = q.ednsSize() == null ? 512 : Math.min(4096, Math.max(512, q.ednsSize()));
    assertThat(n).isLessThanOrEqualTo(limit);
    Message answer = new Message(Arrays.copyOf(out.array(), n));
    assertThat(answer.getHeader().getID()).isEqualTo(q.id());
    assertThat(answer.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(answer.getHeader().getFlag(Flags.RD)).isEqualTo(q.rd());
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getQuestion().getName().toString()).isEqualTo(q.name() + ".");
    assertThat(answer.getOPT() != null).isEqualTo(q.ednsSize() != null);
    List<Record> records = answer.getSection(Section.ANSWER);
    Set<InetAddress> expected = new HashSet<>();
    byte[] rdata = q.type() == Type.A ? entry.ipv4() : entry.ipv6();
    int size = q.type() == Type.A ? 4 : 16;
    for (int i = 0; i < rdata.length / size; i++) {
      expected.add(InetAddress.getByAddress(Arrays.copyOfRange(rdata, i * size, (i + 1) * size)));
    }
    Set<InetAddress> seen = new HashSet<>();
    for (Record r : records) {
      assertThat(r.getType()).isEqualTo(q.type());
      assertThat(r.getTTL()).isEqualTo(600);
      assertThat(r.getName()).isEqualTo(answer.getQuestion().getName());
      InetAddress a = r instanceof org.xbill.DNS.ARecord ar ? ar.getAddress() : ((org.xbill.DNS.AAAARecord) r).getAddress();
      assertThat(seen.add(a)).as("address answered twice").isTrue();
    }
    assertThat(expected).containsAll(seen);
    boolean truncated = answer.getHeader().getFlag(Flags.TC);
    assertThat(truncated).isEqualTo(seen.size() < expected.size());
    if (truncated) {
      assertThat(n + 12 + size).isGreaterThan(limit); // one more record would not have fit
    }
  }

  @Property
  void namesTheContainerDoesNotKnowAreLeftToTheSlowPath(@ForAll("queries") Query q) throws Exception {
    byte[] query = wire(q);
    NameEntry entry = new NameEntry(addresses(1, 4, 1), new byte[0], null);
    ContainerView view = viewOf("x" + q.name(), entry);
    ByteBuffer out = ByteBuffer.allocate(4096);
    assertThat(new FastPath(1).answer(ByteBuffer.wrap(query), query.length, out, 4096, view, true))
        .isEqualTo(FastPath.NOT_HANDLED);
  }

  @Property
  void theFastPathAndTheSlowPathGiveTheSameAnswerSet(@ForAll("queries") Query q,
      @ForAll @IntRange(min = 1, max = 20) int count) throws Exception {
    NameEntry entry = new NameEntry(addresses(count, 4, 3), addresses(count, 16, 4), null);
    ContainerView view = viewOf(q.name(), entry);
    byte[] query = wire(q);
    ByteBuffer out = ByteBuffer.allocate(4096);
    int n = new FastPath(7).answer(ByteBuffer.wrap(query), query.length, out, 4096, view, true);
    SlowPath.Outcome slow = SlowPath.handle(query, view, true);
    assertThat(slow).isInstanceOf(SlowPath.Reply.class);
    Message fast = new Message(Arrays.copyOf(out.array(), n));
    Message reference = new Message(((SlowPath.Reply) slow).wire());
    assertThat(fast.getHeader().getFlag(Flags.TC)).isEqualTo(reference.getHeader().getFlag(Flags.TC));
    if (!fast.getHeader().getFlag(Flags.TC)) {
      assertThat(new HashSet<>(fast.getSection(Section.ANSWER))).isEqualTo(new HashSet<>(reference.getSection(Section.ANSWER)));
    }
  }
}
