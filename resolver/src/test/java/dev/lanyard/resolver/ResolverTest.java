package dev.lanyard.resolver;

import static dev.lanyard.resolver.Models.container;
import static dev.lanyard.resolver.Models.idOf;
import static dev.lanyard.resolver.Models.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.net.ContainerResolvConf;
import dev.lanyard.net.HostResolvConf;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server answering real clients (dig, getent, ping) inside scratch namespaces. */
@KernelTest
class ResolverTest {

  /** One try only, so a lost packet fails the test; 5 s because the machine is shared with other builds. */
  static dev.lanyard.testlab.ExecResult dig(LabNamespace ns, String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "+time=5";
    System.arraycopy(args, 0, full, 1, args.length);
    return ns.dig(full);
  }

  static List<String> digShort(LabNamespace ns, String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "@127.0.0.11";
    full[1] = "+short";
    System.arraycopy(args, 0, full, 2, args.length);
    String out = dig(ns, full).orFail().stdout().strip();
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  private static Resolver resolver() {
    return Resolver.builder().start();
  }

  @Test
  void answersContainerNamesAliasesShortIdsHostnamesAndQualifiedNamesCaseInsensitively(LabNamespace n1, LabNamespace n2) {
    try (Resolver r = resolver()) {
      r.update(DnsModel.of(
          container("web", n1, on("appnet", "10.88.0.2")),
          new DnsContainer(idOf("db"), "db", "dbhost", n2.path(), List.of(on("appnet", "10.88.0.3").withAliases("database")))));
      assertThat(digShort(n1, "db")).containsExactly("10.88.0.3");
      assertThat(digShort(n1, "DataBase")).containsExactly("10.88.0.3");
      assertThat(digShort(n1, "dbhost")).containsExactly("10.88.0.3");
      assertThat(digShort(n1, idOf("db").substring(0, 12))).containsExactly("10.88.0.3");
      assertThat(digShort(n1, "db.appnet")).containsExactly("10.88.0.3");
      assertThat(digShort(n1, "DB.AppNet")).containsExactly("10.88.0.3");
      assertThat(digShort(n2, "web")).containsExactly("10.88.0.2");
      String full = dig(n1, "@127.0.0.11", "+noall", "+answer", "WeB").orFail().stdout();
      assertThat(full).containsPattern("WeB\\.\\s+600\\s+IN\\s+A\\s+10\\.88\\.0\\.2");
    }
  }

  @Test
  void aContainerWithoutAServerStillHasItsNamesServedToTheOthers(LabNamespace n1, LabNamespace n2) {
    try (Resolver r = resolver()) {
      DnsModel model = DnsModel.of(container("web", n1, on("appnet", "10.88.0.2")), container("db", n2, on("appnet", "10.88.0.3")));
      r.update(model, Set.of(idOf("db")));
      assertThat(r.servedContainers()).containsExactly(idOf("web"));
      assertThat(digShort(n1, "db")).containsExactly("10.88.0.3");
      assertThat(n2.exec("ss", "-H", "-lun").orFail().stdout()).doesNotContain("127.0.0.11:53");

      r.update(model);
      assertThat(r.servedContainers()).containsExactlyInAnyOrder(idOf("web"), idOf("db"));
      assertThat(digShort(n2, "web")).containsExactly("10.88.0.2");

      r.update(model, Set.of(idOf("web"))); // its running server is closed, its names stay
      assertThat(r.servedContainers()).containsExactly(idOf("db"));
      assertThat(n1.exec("ss", "-H", "-lun").orFail().stdout()).doesNotContain("127.0.0.11:53");
      assertThat(digShort(n2, "web")).containsExactly("10.88.0.2");
    }
  }

  @Test
  void aaaaForANameWithoutIpv6IsAnEmptyNoerrorAndWithIpv6IsAnswered(LabNamespace n1, LabNamespace n2) {
    try (Resolver r = resolver()) {
      r.update(DnsModel.of(
          container("v4only", n1, on("appnet", "10.88.0.2")),
          container("dual", n2, on("appnet", "10.88.0.3").withIpv6(Models.v6("fd00:88::3")))));
      String empty = dig(n1, "@127.0.0.11", "AAAA", "v4only").orFail().stdout();
      assertThat(empty).contains("status: NOERROR").contains("ANSWER: 0");
      assertThat(digShort(n1, "AAAA", "dual")).containsExactly("fd00:88::3");
    }
  }

  @Test
  void ptrAnswersNameDotNetwork(LabNamespace n1, LabNamespace n2) {
    try (Resolver r = resolver()) {
      r.update(DnsModel.of(
          container("web", n1, on("appnet", "10.88.0.2")),
          container("db", n2, on("appnet", "10.88.0.3").withIpv6(Models.v6("fd00:88::3")))));
      assertThat(digShort(n1, "-x", "10.88.0.3")).containsExactly("db.appnet.");
      assertThat(digShort(n1, "-x", "fd00:88::3")).containsExactly("db.appnet.");
      String ttl = dig(n1, "@127.0.0.11", "+noall", "+answer", "-x", "10.88.0.3").orFail().stdout();
      assertThat(ttl).containsPattern("\\s600\\s+IN\\s+PTR\\s+db\\.appnet\\.");
    }
  }

  @Test
  void aSharedAliasAnswersEveryAddressInShuffledOrder(LabNamespace asking, Lab lab) {
    List<DnsContainer> containers = new ArrayList<>();
    containers.add(container("client", asking, on("appnet", "10.88.0.2")));
    for (int i = 10; i < 16; i++) {
      containers.add(new DnsContainer(idOf("svc" + i), "svc" + i, "svc" + i, lab.namespace().path(),
          List.of(on("appnet", "10.88.0." + i).withAliases("service"))));
    }
    try (Resolver r = resolver()) {
      r.update(new DnsModel(containers));
      Set<List<String>> orders = new HashSet<>();
      for (int i = 0; i < 8; i++) {
        List<String> answer = digShort(asking, "service");
        assertThat(answer).containsExactlyInAnyOrder("10.88.0.10", "10.88.0.11", "10.88.0.12", "10.88.0.13",
            "10.88.0.14", "10.88.0.15");
        orders.add(answer);
      }
      // 8 draws of 720 orders: all alike by chance is (1/720)^7
      assertThat(orders).hasSizeGreaterThan(1);
    }
  }

  @Test
  void namesOfOtherNetworksAreNotAnsweredAndAliasesStayOnTheirNetwork(LabNamespace a, LabNamespace b, LabNamespace both) {
    try (Resolver r = resolver()) {
      r.update(DnsModel.of(
          container("alpha", a, on("neta", "10.88.1.2").withAliases("shared-a")),
          container("beta", b, on("netb", "10.88.2.2")),
          container("gamma", both, on("neta", "10.88.1.3"), on("netb", "10.88.2.3").withAliases("only-b"))));
      // alpha is only on neta: beta and gamma's netb alias are not ours to answer (no upstream -> SERVFAIL)
      assertThat(dig(a, "@127.0.0.11", "beta").orFail().stdout()).contains("status: SERVFAIL");
      assertThat(dig(a, "@127.0.0.11", "only-b").orFail().stdout()).contains("status: SERVFAIL");
      assertThat(dig(a, "@127.0.0.11", "beta.netb").orFail().stdout()).contains("status: SERVFAIL");
      assertThat(digShort(a, "gamma")).containsExactly("10.88.1.3");
      assertThat(digShort(b, "only-b")).containsExactly("10.88.2.3");
      assertThat(digShort(b, "gamma")).containsExactly("10.88.2.3");
      assertThat(dig(b, "@127.0.0.11", "shared-a").orFail().stdout()).contains("status: SERVFAIL");
      assertThat(digShort(both, "alpha")).containsExactly("10.88.1.2");
      assertThat(digShort(both, "beta")).containsExactly("10.88.2.2");
      assertThat(digShort(both, "gamma.netb")).containsExactly("10.88.2.3");
    }
  }

  @Test
  void linkAliasesResolveOnlyForTheLinkingContainerAndFollowTheTargetWhenItAppears(LabNamespace linking,
      LabNamespace other, LabNamespace target) {
    DnsContainer withLink = container("linker", linking,
        on("appnet", "10.88.0.2").withLinks(Map.of("backend", "server")));
    DnsContainer bystander = container("bystander", other, on("appnet", "10.88.0.4"));
    try (Resolver r = resolver()) {
      r.update(DnsModel.of(withLink, bystander));
      assertThat(dig(linking, "@127.0.0.11", "backend").orFail().stdout()).contains("status: SERVFAIL");
      r.update(DnsModel.of(withLink, bystander, container("server", target, on("appnet", "10.88.0.3"))));
      assertThat(digShort(linking, "backend")).containsExactly("10.88.0.3");
      assertThat(digShort(linking, "BACKEND")).containsExactly("10.88.0.3");
      assertThat(dig(other, "@127.0.0.11", "backend").orFail().stdout()).contains("status: SERVFAIL");
      assertThat(digShort(other, "server")).containsExactly("10.88.0.3");
    }
  }

  @Test
  void liveUpdateRemovesAStoppedContainerFromAnswersAndClosesItsServer(LabNamespace n1, LabNamespace n2, LabNamespace n3) {
    DnsContainer client = container("client", n1, on("appnet", "10.88.0.2"));
    DnsContainer one = container("one", n2, on("appnet", "10.88.0.3").withAliases("pool"));
    DnsContainer two = container("two", n3, on("appnet", "10.88.0.4").withAliases("pool"));
    try (Resolver r = resolver()) {
      r.update(DnsModel.of(client, one, two));
      assertThat(digShort(n1, "pool")).containsExactlyInAnyOrder("10.88.0.3", "10.88.0.4");
      r.update(DnsModel.of(client, one));
      assertThat(digShort(n1, "pool")).containsExactly("10.88.0.3");
      assertThat(dig(n1, "@127.0.0.11", "two").orFail().stdout()).contains("status: SERVFAIL");
      assertThat(n3.exec("ss", "-lnu").orFail().stdout()).doesNotContain("127.0.0.11:53");
      r.update(DnsModel.of(client, one, two));
      assertThat(digShort(n1, "pool")).containsExactlyInAnyOrder("10.88.0.3", "10.88.0.4");
    }
  }

  @Test
  void listensOnlyInsideTheContainerOnUdpAndTcpAndNotOnTheDefaultBridge(LabNamespace n1, LabNamespace bridgeOnly) {
    try (Resolver r = resolver()) {
      r.update(DnsModel.of(
          container("web", n1, on("appnet", "10.88.0.2")),
          container("legacy", bridgeOnly, on("bridge", "172.17.0.2").asDefaultBridge())));
      assertThat(n1.exec("ss", "-lnu").orFail().stdout()).contains("127.0.0.11:53");
      assertThat(n1.exec("ss", "-lnt").orFail().stdout()).contains("127.0.0.11:53");
      assertThat(bridgeOnly.exec("ss", "-lnu").orFail().stdout()).doesNotContain("127.0.0.11:53");
      assertThat(exec("ss", "-lnu")).doesNotContain("127.0.0.11:53"); // the test JVM's own namespace
      assertThat(exec("ss", "-lnt")).doesNotContain("127.0.0.11:53");
      assertThat(r.servedContainers()).containsExactly(idOf("web"));
      assertThat(digShort(n1, "+tcp", "web")).containsExactly("10.88.0.2");
      assertThat(digShort(n1, "legacy")).isEmpty();
    }
  }

  @Test
  void aTruncatedUdpAnswerIsCompleteOverTcp(LabNamespace asking, Lab lab) {
    List<DnsContainer> containers = new ArrayList<>();
    containers.add(container("client", asking, on("appnet", "10.88.0.2")));
    int members = 36; // 36 A records of 16 bytes do not fit 512 bytes
    for (int i = 0; i < members; i++) {
      containers.add(new DnsContainer(idOf("m" + i), "m" + i, "m" + i, lab.namespace().path(),
          List.of(on("appnet", "10.88.1." + (i + 10)).withAliases("many"))));
    }
    try (Resolver r = resolver()) {
      r.update(new DnsModel(containers));
      String udp = dig(asking, "@127.0.0.11", "+noedns", "+ignore", "many").orFail().stdout();
      assertThat(udp).containsPattern("flags: qr tc rd ra;").doesNotContain("ANSWER: " + members);
      assertThat(digShort(asking, "+tcp", "many")).hasSize(members);
      assertThat(digShort(asking, "+noedns", "many")).hasSize(members); // dig retries over TCP after TC
      assertThat(digShort(asking, "+bufsize=4096", "many")).hasSize(members); // fits the client's EDNS size
    }
  }

  @Test
  void getentAndPingResolveThroughTheWrittenResolvConf(LabNamespace web, LabNamespace db) {
    web.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", db.name()).orFail();
    web.exec("ip", "addr", "add", "10.88.0.2/24", "dev", "eth0").orFail();
    web.exec("ip", "link", "set", "eth0", "up").orFail();
    db.exec("ip", "addr", "add", "10.88.0.3/24", "dev", "eth0").orFail();
    db.exec("ip", "link", "set", "eth0", "up").orFail();
    HostResolvConf host = HostResolvConf.parse("nameserver 127.0.0.53\nsearch corp.example\noptions edns0\n");
    Path resolvConf = Path.of("/etc/netns", web.name(), "resolv.conf");
    ContainerResolvConf.write(resolvConf, ContainerResolvConf.embedded(host));
    try (Resolver r = resolver()) {
      r.update(DnsModel.of(container("web", web, on("appnet", "10.88.0.2")),
          container("db", db, on("appnet", "10.88.0.3").withAliases("database"))));
      assertThat(web.getentHosts("db").orFail().stdout()).matches("10\\.88\\.0\\.3\\s+db\\s*");
      assertThat(web.getentHosts("database.appnet").orFail().stdout()).startsWith("10.88.0.3 ");
      assertThat(web.exec("ping", "-c", "1", "-W", "2", "database").orFail().stdout()).contains("10.88.0.3");
      assertThat(web.getentHosts("nosuchname").ok()).isFalse();
    }
  }

  private static String exec(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      return out;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aContainerThatCannotBeServedLeavesThePreviousModelServed(LabNamespace n1, Lab lab) {
    try (Resolver r = resolver()) {
      DnsModel good = DnsModel.of(container("web", n1, on("appnet", "10.88.0.2")));
      r.update(good);
      DnsModel bad = DnsModel.of(container("web", n1, on("appnet", "10.88.0.2")),
          container("ghost", Path.of("/run/netns/" + lab.prefix() + "-missing"), on("appnet", "10.88.0.9")));
      assertThatThrownBy(() -> r.update(bad)).isInstanceOf(ErrnoException.class).hasMessageContaining("missing");
      assertThat(r.model()).isEqualTo(good);
      assertThat(digShort(n1, "web")).containsExactly("10.88.0.2");
    }
  }
}
