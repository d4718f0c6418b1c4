package dev.lanyard.resolver;

import static dev.lanyard.resolver.Models.container;
import static dev.lanyard.resolver.ResolverTest.dig;
import static dev.lanyard.resolver.ResolverTest.digShort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.net.HostResolvConf;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Forwarding to fake upstream servers that run in another scratch namespace, reached over a veth. */
@KernelTest
class ForwardingTest {
  private static final Function<Message, Message> SERVFAIL = q -> reply(q, Rcode.SERVFAIL);
  private static final Function<Message, Message> REFUSED = q -> reply(q, Rcode.REFUSED);
  /** ok.example. → 192.0.2.7, everything else NXDOMAIN. */
  private static final Function<Message, Message> AUTHORITY = q -> {
    if (q.getQuestion().getName().toString().equalsIgnoreCase("ok.example.")) {
      Message m = reply(q, Rcode.NOERROR);
      m.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60, Models.v4("192.0.2.7")), Section.ANSWER);
      return m;
    }
    return reply(q, Rcode.NXDOMAIN);
  };

  private static Message reply(Message query, int rcode) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setRcode(rcode);
    m.addRecord(query.getQuestion(), Section.QUESTION);
    return m;
  }

  /** Container namespace 10.77.0.2 ↔ upstream namespace 10.77.0.1, .3 and .4. */
  private static void wire(LabNamespace container, LabNamespace upstream) {
    container.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", upstream.name()).orFail();
    container.exec("ip", "addr", "add", "10.77.0.2/24", "dev", "eth0").orFail();
    container.exec("ip", "link", "set", "eth0", "up").orFail();
    for (String a : new String[] {"10.77.0.1/24", "10.77.0.3/24", "10.77.0.4/24"}) {
      upstream.exec("ip", "addr", "add", a, "dev", "eth0").orFail();
    }
    upstream.exec("ip", "link", "set", "eth0", "up").orFail();
  }

  /** The model every forwarding test starts from: container "web" in namespace {@code c}, on appnet as 10.88.0.2. */
  private static void serveWeb(Resolver r, LabNamespace c) {
    r.update(DnsModel.of(container("web", c, Models.on("appnet", "10.88.0.2"))));
  }

  private static Resolver resolverWith(String resolvConf) {
    return Resolver.builder().hostResolvConf(HostResolvConf.parse(resolvConf)).start();
  }

  @Test
  void servfailAndRefusedFailOverToTheNextServerAndNxdomainIsRelayed(LabNamespace c, LabNamespace up) throws Exception {
    wire(c, up);
    try (FakeUpstream failing = FakeUpstream.start(up.path(), "10.77.0.1", SERVFAIL);
        FakeUpstream refusing = FakeUpstream.start(up.path(), "10.77.0.3", REFUSED);
        FakeUpstream authority = FakeUpstream.start(up.path(), "10.77.0.4", AUTHORITY);
        Resolver r = resolverWith("nameserver 10.77.0.1\nnameserver 10.77.0.3\nnameserver 10.77.0.4\n")) {
      serveWeb(r, c);
      assertThat(digShort(c, "ok.example")).containsExactly("192.0.2.7");
      assertThat(failing.queriesSoFar()).isEqualTo(1);
      assertThat(refusing.queriesSoFar()).isEqualTo(1);
      String nx = dig(c, "@127.0.0.11", "nx.example").orFail().stdout();
      assertThat(nx).contains("status: NXDOMAIN");
      assertThat(authority.queriesSoFar()).isEqualTo(2);
      assertThat(digShort(c, "web")).containsExactly("10.88.0.2"); // own names never go upstream
      assertThat(authority.queriesSoFar()).isEqualTo(2);
    }
  }

  @Test
  void aNameOnlyOnAnotherNetworkIsForwardedNotAnswered(LabNamespace c, LabNamespace up, LabNamespace elsewhere)
      throws Exception {
    wire(c, up);
    try (FakeUpstream authority = FakeUpstream.start(up.path(), "10.77.0.1", AUTHORITY);
        Resolver r = resolverWith("nameserver 10.77.0.1\n")) {
      r.update(DnsModel.of(container("web", c, Models.on("appnet", "10.88.0.2")),
          container("hidden", elsewhere, Models.on("othernet", "10.99.0.2").withAliases("secret"))));
      assertThat(dig(c, "@127.0.0.11", "hidden").orFail().stdout()).contains("status: NXDOMAIN");
      assertThat(dig(c, "@127.0.0.11", "secret.othernet").orFail().stdout()).contains("status: NXDOMAIN");
      assertThat(authority.queriesSoFar()).isEqualTo(2);
    }
  }

  @Test
  void tcpQueriesAreForwardedOverTcpWithFailOver(LabNamespace c, LabNamespace up) throws Exception {
    wire(c, up);
    try (FakeUpstream failing = FakeUpstream.start(up.path(), "10.77.0.1", SERVFAIL);
        FakeUpstream authority = FakeUpstream.start(up.path(), "10.77.0.3", AUTHORITY);
        Resolver r = resolverWith("nameserver 10.77.0.1\nnameserver 10.77.0.3\n")) {
      serveWeb(r, c);
      assertThat(digShort(c, "+tcp", "ok.example")).containsExactly("192.0.2.7");
      assertThat(dig(c, "@127.0.0.11", "+tcp", "nx.example").orFail().stdout()).contains("status: NXDOMAIN");
      assertThat(failing.queriesSoFar()).isEqualTo(2);
      assertThat(authority.queriesSoFar()).isEqualTo(2);
    }
  }

  @Test
  void aSilentServerTimesOutToTheNextAndNoAnswerAtAllIsServfail(LabNamespace c, LabNamespace up) throws Exception {
    wire(c, up);
    try (FakeUpstream silent = FakeUpstream.start(up.path(), "10.77.0.1", null);
        FakeUpstream authority = FakeUpstream.start(up.path(), "10.77.0.3", AUTHORITY);
        Resolver next = resolverWith("nameserver 10.77.0.1\nnameserver 10.77.0.3\n")) {
      serveWeb(next, c);
      assertThat(digShort(c, "+time=10", "ok.example")).containsExactly("192.0.2.7");
      assertThat(silent.queriesSoFar()).isEqualTo(1);
    }
    try (FakeUpstream silent = FakeUpstream.start(up.path(), "10.77.0.1", null);
        Resolver none = resolverWith("nameserver 10.77.0.1\n")) {
      serveWeb(none, c);
      assertThat(dig(c, "@127.0.0.11", "+time=10", "ok.example").orFail().stdout()).contains("status: SERVFAIL");
      assertThat(silent.queriesSoFar()).isEqualTo(1);
    }
  }

  @Test
  void aContainerOnlyOnInternalNetworksNeverForwards(LabNamespace c, LabNamespace up) throws Exception {
    wire(c, up);
    try (FakeUpstream authority = FakeUpstream.start(up.path(), "10.77.0.1", AUTHORITY);
        Resolver r = resolverWith("nameserver 10.77.0.1\n")) {
      r.update(DnsModel.of(container("web", c, Models.on("inside", "10.88.0.2").asInternal())));
      assertThat(dig(c, "@127.0.0.11", "ok.example").orFail().stdout()).contains("status: SERVFAIL");
      assertThat(digShort(c, "web")).containsExactly("10.88.0.2");
      assertThat(authority.queriesSoFar()).isZero();
    }
  }

  @Test
  void aLoopbackUpstreamIsDialledFromTheHostNamespace(LabNamespace c, LabNamespace host) throws Exception {
    try (FakeUpstream onHostLoopback = FakeUpstream.start(host.path(), "127.0.0.1", AUTHORITY);
        Resolver r = Resolver.builder().hostResolvConf(HostResolvConf.parse("nameserver 127.0.0.1\n"))
            .hostNamespace(host.path()).start()) {
      serveWeb(r, c);
      assertThat(digShort(c, "ok.example")).containsExactly("192.0.2.7");
      assertThat(onHostLoopback.queriesSoFar()).isEqualTo(1);
    }
  }

  @Test
  void beyond1024ForwardsInFlightTheAnswerIsRefused(LabNamespace c, LabNamespace up) throws Exception {
    wire(c, up);
    try (FakeUpstream silent = FakeUpstream.start(up.path(), "10.77.0.1", null);
        Resolver r = resolverWith("nameserver 10.77.0.1\n");
        NetNs ns = NetNs.open(c.path());
        DatagramChannel client = ns.call(DatagramChannel::open)) {
      serveWeb(r, c);
      client.connect(new InetSocketAddress("127.0.0.11", 53));
      int id = 0;
      for (int batch = 0; batch < 16; batch++) { // 16 × 64 = 1024, each batch seen upstream before the next
        for (int i = 0; i < 64; i++) {
          client.write(ByteBuffer.wrap(query(id++)));
        }
        silent.awaitQueries(64);
      }
      for (int i = 0; i < 76; i++) {
        client.write(ByteBuffer.wrap(query(id++)));
      }
      ByteBuffer buf = ByteBuffer.allocate(512);
      int refused = 0;
      for (int i = 0; i < 76; i++) {
        buf.clear();
        client.read(buf);
        Message m = new Message(Arrays.copyOf(buf.array(), buf.position()));
        assertThat(m.getHeader().getID()).isGreaterThanOrEqualTo(1024); // the early ones are still in flight
        refused += m.getRcode() == Rcode.REFUSED ? 1 : 0;
      }
      assertThat(refused).isEqualTo(76);
      assertThat(silent.queriesSoFar()).isZero();
    }
  }

  private static byte[] query(int id) throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString("q" + id + ".example."), Type.A, DClass.IN));
    q.getHeader().setID(id);
    return q.toWire();
  }
}
