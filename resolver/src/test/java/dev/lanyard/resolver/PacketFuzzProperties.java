package dev.lanyard.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xbill.DNS.Message;

/** Random and mutated packets: the handler answers with a parseable message, forwards or drops; it never throws. */
class PacketFuzzProperties {
  private static final ContainerView VIEW = NameTable.compile(DnsModel.of(
      Models.container("web", Path.of("/run/netns/none"), Models.on("appnet", "10.88.0.2")
          .withIpv6(Models.v6("fd00::2")).withAliases("www")),
      Models.container("db", Path.of("/run/netns/none2"), Models.on("appnet", "10.88.0.3"))))
      .view(Models.idOf("web"));

  @Provide
  Arbitrary<byte[]> randomPackets() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(600);
  }

  /** Valid queries for known names, then bytes flipped, cut or appended. */
  @Provide
  Arbitrary<byte[]> mutatedQueries() {
    Arbitrary<byte[]> valid = Arbitraries.of("web", "WWW", "db.appnet", "web.appnet", "2.0.88.10.in-addr.arpa", "other.example")
        .flatMap(name -> Arbitraries.of(1, 28, 12, 15, 255).flatMap(type -> Arbitraries.of(true, false).map(edns -> {
          try {
            return FastPathProperties.wire(new FastPathProperties.Query(name, type, true, edns ? 1232 : null, 77));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })));
    return valid.flatMap(q -> Arbitraries.integers().between(0, 8).list().ofMaxSize(6).flatMap(ops ->
        Arbitraries.integers().between(0, 255).list().ofSize(ops.size()).map(values -> mutate(q, ops, values))));
  }

  private static byte[] mutate(byte[] q, List<Integer> ops, List<Integer> values) {
    byte[] p = q.clone();
    for (int i = 0; i < ops.size(); i++) {
      int v = values.get(i);
      if (p.length == 0) {
        break;
      }
      switch (ops.get(i)) {
        case 0, 1, 2, 3 -> p[v % p.length] = (byte) (v * 31);
        case 4 -> p = Arrays.copyOf(p, v % p.length);
        case 5 -> p = Arrays.copyOf(p, p.length + 1 + v % 40);
        case 6 -> p[Math.min(p.length - 1, 12)] = (byte) (0xC0 | v % 4); // a compression pointer in the question
        case 7 -> p[Math.min(p.length - 1, 4 + v % 8)] = (byte) v;     // counts
        default -> p[Math.min(p.length - 1, 2)] = (byte) v;           // flags and opcode
      }
    }
    return p;
  }

  @Property(tries = 3000)
  void randomPacketsAreAnsweredForwardedOrDropped(@ForAll("randomPackets") byte[] packet) {
    check(packet);
  }

  @Property(tries = 3000)
  void mutatedQueriesAreAnsweredForwardedOrDropped(@ForAll("mutatedQueries") byte[] packet) {
    check(packet);
  }

  private static void check(byte[] packet) {
    ByteBuffer in = ByteBuffer.allocate(4096);
    in.put(0, packet);
    ByteBuffer out = ByteBuffer.allocate(4096);
    for (boolean udp : new boolean[] {true, false}) {
      int n = new PacketHandler(packet.length + 1L).handle(in, packet.length, out, out.capacity(), VIEW, udp);
      assertThat(n).isGreaterThanOrEqualTo(PacketHandler.FORWARD);
      if (n > 0) {
        assertThat(n).isLessThanOrEqualTo(udp ? 4096 : out.capacity());
        byte[] answer = Arrays.copyOf(out.array(), n);
        Message parsed = parse(answer);
        assertThat(parsed.getHeader().getID()).isEqualTo(((packet[0] & 0xFF) << 8) | (packet[1] & 0xFF));
      }
    }
  }

  private static Message parse(byte[] answer) {
    try {
      return new Message(answer);
    } catch (IOException e) {
      throw new AssertionError("answer does not parse: " + Arrays.toString(answer), e);
    }
  }

}
