package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.conformance.StoreRows;
import dev.lanyard.fakes.FakeDriver.FakeKernel;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers as real named namespaces (the fake driver plumbs nothing): checked with {@code ip netns},
 * {@code ip -j link} and {@code cat} through {@code ip netns exec}.
 */
@KernelTest
class ContainerKernelTest {
  @TempDir
  Path dir;

  private Networks open(Lab lab, LabNamespace host) {
    return Networks.builder().stateDirectory(dir).hostNamespace(host.path()).namespacePrefix(lab.prefix()).open();
  }

  private static List<String> netnsList() {
    List<String> names = new ArrayList<>();
    JsonNode list = LabNamespace.json(List.of("ip", "-j", "netns", "list"));
    if (list != null) {
      list.forEach(n -> names.add(n.get("name").asText()));
    }
    return names;
  }

  private static String catInside(String ns, String file) {
    return dev.lanyard.testlab.LabNamespaces.of(ns).exec("cat", file).orFail().stdout();
  }

  @Test
  void runMakesANamedNamespaceWithLoopbackUpAndDockerFiles(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Container web = networks.run("web", o -> o.hostname("webhost"));
      String ns = lab.prefix() + "web";
      assertThat(web.name()).isEqualTo("web");
      assertThat(web.namespaceName()).contains(ns);
      assertThat(netnsList()).contains(ns);
      JsonNode lo = LabNamespace.json(List.of("ip", "netns", "exec", ns, "ip", "-j", "link", "show", "lo")).get(0);
      assertThat(lo.get("flags").toString()).contains("\"UP\"");
      String ip = web.endpoints().get(0).ipv4().orElseThrow().address().getHostAddress();
      String hosts = catInside(ns, "/etc/hosts");
      assertThat(hosts).startsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
      assertThat(hosts).contains(ip + "\twebhost\n");
      assertThat(catInside(ns, "/etc/resolv.conf")).doesNotContain("127.0.0.11");
      assertThat(web.exec("hostname").stdout()).isEqualTo("webhost\n");
      assertThat(web.exec("sh", "-c", "echo $HOSTNAME").stdout()).isEqualTo("webhost\n");

      Network user = networks.newNetwork("isolated_nw").subnet("172.25.0.0/16").create();
      user.connect(web, o -> o.ip("172.25.3.3"));
      assertThat(catInside(ns, "/etc/hosts")).contains("172.25.3.3\twebhost\n");
      assertThat(catInside(ns, "/etc/resolv.conf")).contains("nameserver 127.0.0.11\n").contains("options ndots:0");
    }
  }

  @Test
  void linksOnTheDefaultBridgeAreInHostsAndTheEnvironmentOfExecAndFollowTheLinkedContainer(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Container c5 = networks.run("container5", o -> o.hostname("five"));
      Container c4 = networks.run("container4", o -> o.network("bridge", e -> e.link("container5", "foo")));
      String ns4 = lab.prefix() + "container4";
      String ip5 = c5.endpoints().get(0).ipv4().orElseThrow().address().getHostAddress();
      // Docker's line: the alias, the linked container's hostname, then its name
      assertThat(catInside(ns4, "/etc/hosts")).contains(ip5 + "\tfoo five container5\n");
      assertThat(c4.exec("sh", "-c", "echo $FOO_NAME").stdout().trim()).isEqualTo("/container4/foo");

      // the parent's hosts file follows the linked container: gone while it is stopped, back when it starts
      c5.stop();
      assertThat(catInside(ns4, "/etc/hosts")).doesNotContain("foo");
      c4.stop();
      Container other = networks.run("taker");
      c4.start();
      c5.start();
      String again = c5.endpoints().get(0).ipv4().orElseThrow().address().getHostAddress();
      assertThat(again).as("the test needs the address to change").isNotEqualTo(ip5);
      assertThat(catInside(ns4, "/etc/hosts")).contains(again + "\tfoo five container5\n").doesNotContain(ip5 + "\t");
      c5.remove();
      assertThat(catInside(ns4, "/etc/hosts")).doesNotContain("foo");
      assertThat(other.endpoints()).hasSize(1);
    }
  }

  @Test
  void linksOnAUserNetworkAreNeitherInHostsNorInTheEnvironment(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Network n = networks.newNetwork("local_alias").subnet("172.26.0.0/24").create();
      networks.run("container5", o -> o.network("local_alias"));
      Container c4 = networks.run("container4", o -> o.network("local_alias", e -> e.link("container5", "foo")));
      String hosts = catInside(lab.prefix() + "container4", "/etc/hosts");
      assertThat(hosts).doesNotContain("foo").doesNotContain("container5");
      assertThat(c4.exec("sh", "-c", "echo \"[$FOO_NAME]\"").stdout()).isEqualTo("[]\n");
      // the link stays on the endpoint, for the embedded DNS to serve as an alias of container5
      assertThat(n.endpoints()).filteredOn(e -> e.containerName().equals("container4")).singleElement()
          .satisfies(e -> assertThat(e.links()).containsExactly(java.util.Map.entry("container5", "foo")));
    }
  }

  @Test
  void runOverAStaleEndpointFailsAsDockersStartDoesAndLeavesNothingUntilAForcedDisconnect(
      Lab lab, LabNamespace host, LabNamespace elsewhere) {
    String lostId;
    try (Networks networks = open(lab, host)) {
      Network n = networks.newNetwork("multihost").create();
      lostId = n.connect(networks.adopt("redis_db", elsewhere.path())).containerId();
    }
    StoreRows.forgetContainer(dir, lostId);
    String ns = lab.prefix() + "redis_db";
    try (Networks networks = open(lab, host)) {
      assertThatThrownBy(() -> networks.run("redis_db", o -> o.network("multihost")))
          .isInstanceOf(ForbiddenException.class)
          .hasMessage("failed to set up container networking: endpoint with name redis_db already exists in network "
              + "multihost");
      assertThat(netnsList()).doesNotContain(ns);
      assertThat(networks.findContainer("redis_db")).isEmpty();
      networks.network("multihost").disconnect("redis_db", true);
      Container running = networks.run("redis_db", o -> o.network("multihost"));
      assertThat(networks.network("multihost").endpoints()).singleElement()
          .satisfies(e -> assertThat(e.containerId()).isEqualTo(running.id()));
      assertThat(netnsList()).contains(ns);
    }
  }

  @Test
  void execReturnsExitCodeAndOutputFromInsideTheNamespace(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Container c = networks.run("runner", o -> o.network("none"));
      ExecResult r = c.exec("sh", "-c", "echo out; echo err >&2; exit 3");
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.stdout()).isEqualTo("out\n");
      assertThat(r.stderr()).isEqualTo("err\n");
      String inode = dev.lanyard.testlab.LabNamespaces.of(lab.prefix() + "runner")
          .exec("stat", "-L", "-c", "%i", "/proc/self/ns/net").orFail().stdout().trim();
      assertThat(c.exec("stat", "-L", "-c", "%i", "/proc/self/ns/net").stdout().trim()).isEqualTo(inode);
      assertThat(inode).isNotEqualTo(Long.toString(NetNs.currentInode()));
    }
  }

  @Test
  void callRunsJavaInsideTheNamespaceOnItsOwnThread(Lab lab, LabNamespace host) throws Exception {
    try (Networks networks = open(lab, host)) {
      Container c = networks.run("javas", o -> o.network("none"));
      long outside = NetNs.currentInode();
      long expected = Long.parseLong(
          Commands.stat(c.namespacePath()));
      assertThat(c.call(NetNs::currentInode)).isEqualTo(expected).isNotEqualTo(outside);
      assertThat(NetNs.currentInode()).isEqualTo(outside);
      // a listener bound inside is reachable only inside: loopback of that namespace
      int port = c.call(() -> {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
          return s.getLocalPort();
        }
      });
      assertThat(port).isPositive();
    }
  }

  @Test
  void removeDeletesTheNamespaceAndItsFiles(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Container c = networks.run("temp");
      String ns = lab.prefix() + "temp";
      assertThat(Files.exists(Path.of("/etc/netns", ns, "hosts"))).isTrue();
      c.remove();
      assertThat(netnsList()).doesNotContain(ns);
      assertThat(Files.exists(Path.of("/etc/netns", ns))).isFalse();
      assertThat(networks.network("bridge").endpoints()).isEmpty();
      assertThat(networks.run("temp").namespaceName()).contains(ns);
    }
  }

  @Test
  void removeKeepsFilesSomeoneElsePutBesideTheContainersOwn(Lab lab, LabNamespace host) throws Exception {
    try (Networks networks = open(lab, host)) {
      Container c = networks.run("shared");
      Path dir = Path.of("/etc/netns", lab.prefix() + "shared");
      Path foreign = Files.writeString(dir.resolve("nsswitch.conf"), "hosts: files dns\n");
      try {
        c.remove();
        assertThat(dir.resolve("hosts")).doesNotExist();
        assertThat(dir.resolve("resolv.conf")).doesNotExist();
        assertThat(foreign).hasContent("hosts: files dns");
      } finally {
        Files.deleteIfExists(foreign);
        Files.deleteIfExists(dir);
      }
    }
  }

  @Test
  void openRemovesSandboxesWhoseNamespaceVanishedAndReleasesTheirAddresses(Lab lab, LabNamespace host) {
    String ip;
    String endpointId;
    try (Networks networks = open(lab, host)) {
      Network n = networks.newNetwork("n").subnet("10.50.0.0/24").create();
      Container c = networks.run("doomed", o -> o.network("n", e -> e.ip("10.50.0.5")));
      endpointId = c.endpoints().get(0).id();
      ip = "10.50.0.5";
      assertThat(n.endpoints()).hasSize(1);
    }
    Commands.run("ip", "netns", "del", lab.prefix() + "doomed");
    try (Networks networks = open(lab, host)) {
      assertThat(networks.findContainer("doomed")).isEmpty();
      assertThat(networks.network("n").endpoints()).isEmpty();
      assertThat(new FakeKernel(dir).has("endpoints", endpointId)).isFalse();
      Container again = networks.run("doomed", o -> o.network("n", e -> e.ip(ip)));
      assertThat(again.endpoints().get(0).ipv4().orElseThrow().address().getHostAddress()).isEqualTo(ip);
    }
  }

  @Test
  void adoptByPidUsesTheProcessNamespace(Lab lab, LabNamespace host, LabNamespace other) throws Exception {
    Process sleeper = new ProcessBuilder("ip", "netns", "exec", other.name(), "sleep", "60").start();
    try (Networks networks = open(lab, host)) {
      Container c = networks.adoptPid("adopted", sleeper.pid());
      assertThat(c.namespaceName()).isEmpty();
      String inode = Commands.stat(other.path());
      assertThat(c.exec("stat", "-L", "-c", "%i", "/proc/self/ns/net").stdout().trim()).isEqualTo(inode);
      assertThat(Long.toString(c.call(NetNs::currentInode))).isEqualTo(inode);
      c.remove();
      assertThat(netnsList()).contains(other.name());
    } finally {
      sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void hostModeContainerIsTheHostNamespace(Lab lab, LabNamespace host) {
    try (Networks networks = open(lab, host)) {
      Container c = networks.run("hosted", o -> o.network("host"));
      assertThat(c.namespacePath()).isEqualTo(host.path());
      assertThat(networks.network("host").endpoints()).singleElement()
          .satisfies(e -> assertThat(e.ipv4()).isEmpty());
      Network n = networks.newNetwork("elsewhere").create();
      assertThatThrownBy(() -> n.connect(c)).isInstanceOf(InvalidParameterException.class).hasMessage(
          "container sharing network namespace with another container or host cannot be connected to any other network");
      assertThatThrownBy(() -> networks.network("host").disconnect(c)).isInstanceOf(InvalidParameterException.class)
          .hasMessage("cannot disconnect container from host network - container was created in host network mode");
      c.remove();
      assertThat(netnsList()).contains(host.name());
    }
  }

  /** Oracle commands run outside any container: {@code stat} for inodes, {@code ip netns del}. */
  static final class Commands {
    static String stat(Path path) {
      return run("stat", "-L", "-c", "%i", path.toString()).trim();
    }

    static String run(String... command) {
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
