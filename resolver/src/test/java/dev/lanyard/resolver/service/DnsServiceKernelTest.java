package dev.lanyard.resolver.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Container;
import dev.lanyard.Network;
import dev.lanyard.Networks;
import dev.lanyard.UnavailableException;
import dev.lanyard.net.ContainerResolvConf;
import dev.lanyard.net.HostResolvConf;
import dev.lanyard.resolver.DnsModel;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import dev.lanyard.testlab.LabNamespaces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNS service a controller starts by itself, with the real bridge driver: answers checked with
 * {@code getent}, {@code dig} and {@code ss} run inside the containers' namespaces.
 */
@KernelTest
class DnsServiceKernelTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private Networks open(Lab lab, LabNamespace host) {
    return Networks.builder().stateDirectory(dir).hostNamespace(host.path()).namespacePrefix(lab.prefix()).open();
  }

  private static DnsService dns(Networks networks) {
    return DnsService.of(networks).orElseThrow();
  }

  private static LabNamespace ns(Lab lab, Container c) {
    return LabNamespaces.of(lab.prefix() + c.name());
  }

  private static String ipv4(Container c, Network n) {
    return c.endpoints().stream().filter(e -> e.networkId().equals(n.id())).findFirst().orElseThrow()
        .ipv4().orElseThrow().address().getHostAddress();
  }

  /**
   * The A records {@code dig @127.0.0.11 +short NAME} gets inside {@code ns}; dig's own remarks (such as
   * a timeout while the query is forwarded to an upstream the scratch namespaces cannot reach) are not
   * records.
   */
  private static Set<String> answers(LabNamespace ns, String name) {
    String out = ns.dig("@127.0.0.11", "+short", name, "A").stdout();
    return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith(";"))
        .collect(Collectors.toSet());
  }

  /** Local addresses of UDP sockets listening inside {@code ns}, with their process ({@code ss -lunp}). */
  private static String udpListeners(LabNamespace ns) {
    return ns.exec("ss", "-H", "-lunp").orFail().stdout();
  }

  @Test
  void containersResolveEachOtherByNameAndAliasUntilDisconnected(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Network appnet = networks.newNetwork("appnet").create();
      Container c1 = networks.run("c1", o -> o.network("appnet"));
      Container c2 = networks.run("c2", o -> o.network("appnet", e -> e.alias("db")));
      dns(networks).awaitCurrent(WAIT);
      String ip2 = ipv4(c2, appnet);

      assertThat(ns(lab, c1).getentHosts("c2").orFail().stdout()).startsWith(ip2 + " ");
      assertThat(answers(ns(lab, c1), "c2")).containsExactly(ip2);
      assertThat(answers(ns(lab, c1), "DB")).containsExactly(ip2);
      assertThat(answers(ns(lab, c1), "db.appnet")).containsExactly(ip2);
      assertThat(answers(ns(lab, c1), c2.id().substring(0, 12))).containsExactly(ip2);
      assertThat(ns(lab, c1).exec("cat", "/etc/resolv.conf").orFail().stdout())
          .isEqualTo(ContainerResolvConf.embedded(HostResolvConf.read(HostResolvConf.SYSTEM)));
      assertThat(udpListeners(ns(lab, c1))).contains("127.0.0.11:53")
          .contains("pid=" + ProcessHandle.current().pid() + ",");

      appnet.disconnect(c2);
      dns(networks).awaitCurrent(WAIT);
      assertThat(answers(ns(lab, c1), "db")).doesNotContain(ip2);
      assertThat(answers(ns(lab, c1), "c2")).doesNotContain(ip2);
      assertThat(udpListeners(ns(lab, c2))).doesNotContain("127.0.0.11:53");
    }
  }

  @Test
  void aStoppedContainerLeavesTheRoundRobinAndReturnsWhenStarted(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Network appnet = networks.newNetwork("appnet").create();
      Container client = networks.run("client", o -> o.network("appnet"));
      Container web1 = networks.run("web1", o -> o.network("appnet", e -> e.alias("web")));
      Container web2 = networks.run("web2", o -> o.network("appnet", e -> e.alias("web")));
      dns(networks).awaitCurrent(WAIT);
      String ip1 = ipv4(web1, appnet);
      assertThat(answers(ns(lab, client), "web")).containsExactlyInAnyOrder(ip1, ipv4(web2, appnet));

      web2.stop();
      dns(networks).awaitCurrent(WAIT);
      assertThat(answers(ns(lab, client), "web")).containsExactly(ip1);

      web2.start();
      dns(networks).awaitCurrent(WAIT);
      assertThat(answers(ns(lab, client), "web")).containsExactlyInAnyOrder(ip1, ipv4(web2, appnet));
    }
  }

  @Test
  void defaultBridgeContainersGetTheHostsResolversAndNoEmbeddedServer(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Container plain = networks.run("plain");
      assertThat(plain.endpoints()).singleElement().satisfies(e -> assertThat(e.networkName()).isEqualTo("bridge"));
      dns(networks).awaitCurrent(WAIT);

      assertThat(ns(lab, plain).exec("cat", "/etc/resolv.conf").orFail().stdout())
          .isEqualTo(ContainerResolvConf.defaultBridge(HostResolvConf.read(HostResolvConf.SYSTEM), false));
      assertThat(dns(networks).servedModel().containers()).singleElement()
          .satisfies(c -> assertThat(c.name()).isEqualTo("plain"));
      assertThat(udpListeners(ns(lab, plain))).doesNotContain("127.0.0.11:53");
    }
  }

  @Test
  void linkAliasesAreSeenOnlyByTheLinkingContainer(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Network appnet = networks.newNetwork("appnet").create();
      Container target = networks.run("target", o -> o.network("appnet"));
      Container linking = networks.run("linking", o -> o.network("appnet", e -> e.link("target", "backend")));
      Container other = networks.run("other", o -> o.network("appnet"));
      dns(networks).awaitCurrent(WAIT);

      assertThat(answers(ns(lab, linking), "backend")).containsExactly(ipv4(target, appnet));
      assertThat(answers(ns(lab, other), "backend")).isEmpty();
    }
  }

  @Test
  void ipv6AddressesAreAnsweredForAaaa(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Network dual = networks.newNetwork("dual").ipv6().subnet("fd00:77::/64").create();
      Container c1 = networks.run("c1", o -> o.network("dual"));
      Container c2 = networks.run("c2", o -> o.network("dual"));
      dns(networks).awaitCurrent(WAIT);

      String ip6 = c2.endpoints().stream().filter(e -> e.networkId().equals(dual.id())).findFirst().orElseThrow()
          .ipv6().orElseThrow().address().getHostAddress();
      List<String> aaaa = Arrays.stream(ns(lab, c1).dig("@127.0.0.11", "+short", "c2", "AAAA").orFail().stdout()
          .split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
      assertThat(aaaa).hasSize(1);
      assertThat(InetAddress.getByName(aaaa.get(0)).getHostAddress()).isEqualTo(ip6);
      assertThat(answers(ns(lab, c1), "c2")).containsExactly(ipv4(c2, dual));
    } catch (UnknownHostException e) {
      throw new AssertionError("dig printed no address", e);
    }
  }

  @Test
  void aContainerOnlyOnAnInternalNetworkGetsNoForwardingAndItsHostnameResolves(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Network vault = networks.newNetwork("vault").internal().create();
      Container c1 = networks.run("c1", o -> o.hostname("keeper").network("vault"));
      dns(networks).awaitCurrent(WAIT);

      assertThat(answers(ns(lab, c1), "keeper")).containsExactly(ipv4(c1, vault));
      // Docker's answer when no network of the container leads out: SERVFAIL at once, nothing forwarded
      assertThat(ns(lab, c1).dig("@127.0.0.11", "elsewhere.example", "A").stdout()).contains("status: SERVFAIL");
    }
  }

  @Test
  void aContainerThatCannotBeServedYetDoesNotBlockTheOthersAndIsServedOnceItCanBe(Lab lab, LabNamespace host,
      LabNamespace occupied) throws Exception {
    occupied.exec("ip", "link", "set", "lo", "up").orFail();
    // another program holds 127.0.0.11:53 in the adopted namespace, as a dying predecessor's socket would
    Process squatter = new ProcessBuilder("ip", "netns", "exec", occupied.name(), "python3", "-c",
        "import socket, sys\n"
            + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            + "s.bind(('127.0.0.11', 53))\n"
            + "print('bound', flush=True)\n"
            + "sys.stdin.read()\n").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (Networks networks = open(lab, host)) {
      assertThat(new BufferedReader(new InputStreamReader(squatter.getInputStream(), StandardCharsets.UTF_8))
          .readLine()).isEqualTo("bound");
      Network appnet = networks.newNetwork("appnet").create();
      Container adopted = networks.adopt("adopted", occupied.path());
      appnet.connect(adopted);
      Container c1 = networks.run("c1", o -> o.network("appnet"));

      assertThatThrownBy(() -> dns(networks).awaitCurrent(Duration.ofSeconds(5)))
          .isInstanceOf(UnavailableException.class).hasMessageContaining("EADDRINUSE");
      // the others are served, the adopted container's name included; its own port stays the squatter's
      assertThat(dns(networks).unservedContainers()).containsExactly(adopted.id());
      assertThat(answers(ns(lab, c1), "adopted")).containsExactly(ipv4(adopted, appnet));
      assertThat(udpListeners(occupied)).contains("python3").doesNotContain("pid=" + ProcessHandle.current().pid() + ",");

      squatter.destroy();
      squatter.waitFor();
      dns(networks).awaitCurrent(WAIT); // no event: the service's retry picks it up
      assertThat(answers(occupied, "c1")).containsExactly(ipv4(c1, appnet));
      assertThat(dns(networks).unservedContainers()).isEmpty();
    } finally {
      squatter.destroyForcibly();
      squatter.waitFor();
    }
  }

  @Test
  void withTheServiceTurnedOffNothingListens(Lab lab, LabNamespace host) {
    System.setProperty(DnsServiceProvider.ENABLED_PROPERTY, "false");
    try (Networks networks = open(lab, host)) {
      networks.newNetwork("appnet").create();
      Container c1 = networks.run("c1", o -> o.network("appnet"));
      assertThat(DnsService.of(networks)).isEmpty();
      assertThat(udpListeners(ns(lab, c1))).doesNotContain("127.0.0.11:53");

      List<DnsModel> reported = new CopyOnWriteArrayList<>();
      try (DnsService explicit = DnsService.serve(networks, reported::add)) {
        explicit.awaitCurrent(WAIT);
        assertThat(answers(ns(lab, c1), "c1")).containsExactly(ipv4(c1, networks.network("appnet")));
        assertThat(reported).last().isEqualTo(explicit.servedModel());
      }
      assertThat(udpListeners(ns(lab, c1))).doesNotContain("127.0.0.11:53");
    } finally {
      System.clearProperty(DnsServiceProvider.ENABLED_PROPERTY);
    }
  }

  @Test
  void twoControllersInOneJvmServeOneAtATime(Lab lab, LabNamespace host) {
    try (Networks first = open(lab, host)) {
      dns(first).awaitServing(WAIT);
      Networks second = open(lab, host);
      try {
        assertThat(dns(second).serving()).isFalse();
        Container c1 = first.run("c1", o -> o.network("bridge"));
        first.close();
        dns(second).awaitServing(WAIT);
        dns(second).awaitCurrent(WAIT);
        assertThat(dns(second).servedModel().containers()).extracting(c -> c.name()).containsExactly(c1.name());
      } finally {
        second.close();
      }
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void anotherProcessTakesOverWhenTheServerIsKilled(Lab lab, LabNamespace host) throws Exception {
    Process child = startChild(lab, host);
    try {
      BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(childOut.readLine()).isEqualTo("serving");
      closingEndsTheWaitForTheLock(lab, host);
      try (Networks networks = open(lab, host)) {
        DnsService dns = dns(networks);
        Network appnet = networks.newNetwork("appnet").create();
        Container c1 = networks.run("c1", o -> o.network("appnet"));
        Container c2 = networks.run("c2", o -> o.network("appnet"));
        String ip2 = ipv4(c2, appnet);

        // the child learns of the containers through the store and serves them: poll the other process
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!answers(ns(lab, c1), "c2").equals(Set.of(ip2))) {
          assertThat(System.nanoTime()).as("the child process answers for c2").isLessThan(deadline);
        }
        assertThat(udpListeners(ns(lab, c1))).contains("pid=" + child.pid() + ",");
        assertThat(dns.serving()).isFalse();

        child.destroyForcibly(); // SIGKILL: no shutdown hook, the kernel drops the lock and the sockets
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        dns.awaitServing(WAIT);
        dns.awaitCurrent(WAIT);
        assertThat(answers(ns(lab, c1), "c2")).containsExactly(ip2);
        assertThat(udpListeners(ns(lab, c1))).contains("pid=" + ProcessHandle.current().pid() + ",")
            .doesNotContain("pid=" + child.pid() + ",");
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
  }

  /**
   * A controller whose service is blocked in {@code fcntl(F_SETLKW)} behind the child (the kernel lists
   * the waiter in {@code /proc/locks} with {@code ->}) closes promptly and never serves.
   */
  private void closingEndsTheWaitForTheLock(Lab lab, LabNamespace host) throws IOException {
    Networks waiting = open(lab, host);
    DnsService dns = dns(waiting);
    String blocked = "-> POSIX  ADVISORY  WRITE " + ProcessHandle.current().pid() + " ";
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Files.readString(Path.of("/proc/locks")).contains(blocked)) {
      assertThat(System.nanoTime()).as("our service waits in the kernel for the lock").isLessThan(deadline);
    }
    waiting.close();
    assertThat(dns.serving()).isFalse();
    assertThatThrownBy(() -> dns.awaitServing(Duration.ofSeconds(1))).isInstanceOf(UnavailableException.class)
        .hasMessageContaining("closed");
  }

  private Process startChild(Lab lab, LabNamespace host) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DnsServeChild.class.getName(),
        dir.toString(), host.path().toString(), lab.prefix()));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
