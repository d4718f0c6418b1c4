package dev.lanyard.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed guide end to end through the {@code lanyard} CLI ({@link SeedWalkthrough} in a lab namespace), with
 * exact expectations at every step. The CLI runs in this JVM through picocli with captured output, one
 * invocation per command (each opens and closes its own controller, as a separate process would); DNS comes
 * from the real background {@code dns-daemon} process, pings and lookups are real {@code ping}, {@code getent}
 * and {@code dig} inside the container namespaces. In-process keeps 90 commands within seconds instead of 90
 * JVM starts; the daemon, which must outlive invocations, is a child process either way. Every step is checked
 * (soft assertions), so a failure lists every step that went wrong, not only the first.
 */
@KernelTest
class SeedWalkthroughTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "[0-9a-f]{64}\n";

  @TempDir
  Path state;

  @Test
  void theGuideStepByStep(Lab lab, LabNamespace host) throws Exception {
    StringWriter transcript = new StringWriter();
    try (NetNs ns = NetNs.open(host.path())) {
      SeedWalkthrough.loopbackUp(ns);
    }
    SeedWalkthrough walk = new SeedWalkthrough(state, host.path(), lab.prefix(), new PrintWriter(transcript));
    Map<String, Cli.Result> r;
    try {
      walk.walk();
    } finally {
      r = walk.results();
      walk.cleanUp(null);
      System.out.println(transcript);
    }
    SoftAssertions soft = new SoftAssertions();
    Check check = new Check(soft, r);

    // create networks
    check.ok("create simple-network").out().matches(ID);
    JsonNode simple = check.inspect("inspect simple-network");
    soft.assertThat(simple.path("Name").asText()).isEqualTo("simple-network");
    soft.assertThat(simple.path("Driver").asText()).isEqualTo("bridge");
    soft.assertThat(simple.path("Scope").asText()).isEqualTo("local");
    soft.assertThat(simple.path("Id").asText() + "\n").isEqualTo(r.get("create simple-network").out());
    soft.assertThat(simple.path("IPAM").path("Driver").asText()).isEqualTo("default");
    soft.assertThat(simple.path("IPAM").path("Config").toString())
        .isEqualTo("[{\"Subnet\":\"172.18.0.0/16\",\"Gateway\":\"172.18.0.1\"}]");
    soft.assertThat(simple.path("Containers").toString()).isEqualTo("{}");
    soft.assertThat(simple.path("Options").toString()).isEqualTo("{}");
    soft.assertThat(simple.path("Labels").toString()).isEqualTo("{}");
    check.failed("create overlay", 1).err()
        .startsWith("Error response from daemon: plugin \"overlay\" not found");
    JsonNode my = check.inspect("inspect my-network");
    soft.assertThat(my.path("Options").toString())
        .isEqualTo("{\"com.docker.network.bridge.host_binding_ipv4\":\"172.23.0.1\"}");
    soft.assertThat(my.path("IPAM").path("Config").toString())
        .isEqualTo("[{\"Subnet\":\"172.23.0.0/16\",\"Gateway\":\"172.23.0.1\"}]");

    // the published port
    check.ok("run redis").out().matches(ID);
    JsonNode ports = JSON.readTree(check.ok("redis ports").actual().out());
    String hostPort = ports.path("6379/tcp").path(0).path("HostPort").asText();
    soft.assertThat(ports.path("6379/tcp").path(0).path("HostIp").asText()).isEqualTo("172.23.0.1");
    soft.assertThat(hostPort).matches("[1-9][0-9]*");
    List<String> ps = check.ok("ps").actual().out().lines().toList();
    soft.assertThat(ps).as("ps: header and redis").hasSize(2);
    soft.assertThat(ps.isEmpty() ? "" : ps.get(ps.size() - 1)).as("ps: redis")
        .startsWith(r.get("run redis").out().substring(0, 12) + "   redis     \"busybox nc -ll -p 6…\"   ")
        .contains("   Up ").endsWith("   172.23.0.1:" + hostPort + "->6379/tcp   redis");
    check.ok("published port").out().isEqualTo("+PONG\n");

    // connect containers
    check.ok("run container1").out().matches(ID);
    check.ok("run container2").out().matches(ID);
    check.ok("create isolated_nw").out().matches(ID);
    check.ok("connect container2").out().isEmpty();
    JsonNode iso = check.inspect("inspect isolated_nw with container2");
    soft.assertThat(iso.path("IPAM").path("Config").toString())
        .isEqualTo("[{\"Subnet\":\"172.25.0.0/16\",\"Gateway\":\"172.25.0.1\"}]");
    soft.assertThat(containers(iso)).containsExactly("container2 172.25.0.2/16 02:42:ac:19:00:02");
    check.ok("run container3").out().matches(ID);
    JsonNode c3 = JSON.readTree(check.ok("inspect container3").actual().out());
    soft.assertThat(keys(c3)).containsExactly("isolated_nw");
    soft.assertThat(c3.path("isolated_nw").path("IPAMConfig").path("IPv4Address").asText()).isEqualTo("172.25.3.3");
    soft.assertThat(c3.path("isolated_nw").path("IPAddress").asText()).isEqualTo("172.25.3.3");
    soft.assertThat(c3.path("isolated_nw").path("IPPrefixLen").asInt()).isEqualTo(16);
    soft.assertThat(c3.path("isolated_nw").path("Gateway").asText()).isEqualTo("172.25.0.1");
    soft.assertThat(c3.path("isolated_nw").path("MacAddress").asText()).isEqualTo("02:42:ac:19:03:03");
    JsonNode c2 = JSON.readTree(check.ok("inspect container2").actual().out());
    soft.assertThat(keys(c2)).containsExactly("bridge", "isolated_nw");
    soft.assertThat(c2.path("bridge").path("IPAddress").asText()).isEqualTo("172.17.0.3");
    soft.assertThat(c2.path("bridge").path("Gateway").asText()).isEqualTo("172.17.0.1");
    soft.assertThat(c2.path("bridge").path("MacAddress").asText()).isEqualTo("02:42:ac:11:00:03");
    soft.assertThat(c2.path("isolated_nw").path("IPAddress").asText()).isEqualTo("172.25.0.2");
    soft.assertThat(c2.path("isolated_nw").path("IPAMConfig").isNull()).as("no --ip given: IPAMConfig null").isTrue();
    soft.assertThat(interfaces(check.ok("container2 interfaces").actual().out()))
        .containsExactly("eth0 172.17.0.3/16", "eth1 172.25.0.2/16");

    // names on user-defined networks, not on the default bridge
    check.pings("container2 ping container3", "container3", "172.25.3.3");
    check.unresolved("container2 ping container1");
    check.pings("container2 ping 172.17.0.2", "172.17.0.2", "172.17.0.2");
    check.noReply("container3 ping 172.17.0.2");

    // legacy links, before and after the linked container exists
    check.ok("run container4").out().matches(ID);
    check.unresolved("container4 ping container5 before");
    check.unresolved("container4 ping c5 before");
    check.ok("run container5").out().matches(ID);
    check.pings("container4 ping c5", "c5", "172.25.0.4");
    check.pings("container4 ping container5", "container5", "172.25.0.4");
    check.pings("container5 ping c4", "c4", "172.25.0.3");
    // links on a user network are DNS aliases, not hosts lines: ping prints the name it asked for
    check.pings("container5 ping container4", "container4", "172.25.0.3");

    // link scoping across isolated_nw and local_alias
    check.ok("create local_alias").out().matches(ID);
    check.ok("connect container4 to local_alias").out().isEmpty();
    check.ok("connect container5 to local_alias").out().isEmpty();
    check.pings("container4 ping foo", "foo", "172.26.0.3");
    check.pings("container4 ping c5 on both networks", "c5", "172.25.0.4");
    check.ok("container5 getent bar").out().startsWith("172.26.0.2 ");
    check.failed("container4 getent bar", 2);
    check.ok("disconnect container5 from isolated_nw").out().isEmpty();
    check.ok("container4 dig c5 after disconnect").out().isEmpty();
    check.unresolved("container4 ping c5 after disconnect");
    check.pings("container4 ping foo after disconnect", "foo", "172.26.0.3");

    // network-scoped aliases and their scoping
    check.ok("run container6").out().matches(ID);
    check.pings("container4 ping app", "app", "172.25.0.4");
    check.pings("container4 ping container6", "container6", "172.25.0.4");
    check.ok("connect container6 to local_alias").out().isEmpty();
    check.pings("container4 ping scoped-app", "scoped-app", "172.26.0.4");
    check.ok("container5 getent scoped-app").out().isEqualTo("172.26.0.4      scoped-app\n");
    check.failed("container3 getent scoped-app", 2);
    check.failed("container5 getent app", 2);

    // round-robin of a shared alias with stop/start
    check.ok("run container7").out().matches(ID);
    soft.assertThat(lines(check.ok("container4 dig app").actual().out())).containsExactly("172.25.0.4", "172.25.0.5");
    check.ok("stop container6").out().isEqualTo("container6\n");
    soft.assertThat(lines(check.ok("container4 dig app after stop").actual().out())).containsExactly("172.25.0.5");
    check.pings("container4 ping app after stop", "app", "172.25.0.5");
    check.ok("start container6").out().isEqualTo("container6\n");
    soft.assertThat(lines(check.ok("container4 dig app after start").actual().out())).containsExactly("172.25.0.4", "172.25.0.5");

    // disconnecting
    check.ok("disconnect container2").out().isEmpty();
    JsonNode c2after = JSON.readTree(check.ok("inspect container2 after disconnect").actual().out());
    soft.assertThat(keys(c2after)).containsExactly("bridge");
    soft.assertThat(c2after.path("bridge").path("IPAddress").asText()).isEqualTo("172.17.0.3");
    soft.assertThat(containers(check.inspect("inspect isolated_nw after disconnect"))).containsExactlyInAnyOrder(
        "container3 172.25.3.3/16 02:42:ac:19:03:03", "container4 172.25.0.3/16 02:42:ac:19:00:03",
        "container6 172.25.0.4/16 02:42:ac:19:00:04", "container7 172.25.0.5/16 02:42:ac:19:00:05");
    soft.assertThat(interfaces(check.ok("container2 interfaces after disconnect").actual().out()))
        .containsExactly("eth0 172.17.0.3/16");
    check.noReply("container2 ping 172.25.3.3 after disconnect");
    check.pings("container2 ping 172.17.0.2 after disconnect", "172.17.0.2", "172.17.0.2");
    check.ok("stop container4-7").out().isEqualTo("container4\ncontainer5\ncontainer6\ncontainer7\n");
    check.ok("rm container4-7").out().isEqualTo("container4\ncontainer5\ncontainer6\ncontainer7\n");

    // the stale endpoint
    check.ok("create multihost").out().matches(ID);
    check.ok("run redis_db").out().matches(ID);
    check.ok("stop dns daemon").out().isEqualTo("stopped\n");
    check.ok("lose redis_db");
    soft.assertThat(containers(check.inspect("inspect multihost with stale endpoint")))
        .singleElement().asString().startsWith("redis_db ");
    check.failed("rm multihost refused", 1).err()
        .startsWith("Error response from daemon: error while removing network: network multihost has active endpoints");
    check.failed("disconnect stale without -f", 1).err().isEqualTo("Error response from daemon: No such container: redis_db\n");
    check.ok("rm -f redis_db").out().isEmpty();
    check.ok("disconnect -f redis_db").out().isEmpty();
    soft.assertThat(check.inspect("inspect multihost after disconnect -f").path("Containers").toString()).isEqualTo("{}");
    check.ok("run redis_db again").out().matches(ID);
    check.ok("rm -f redis_db again").out().isEqualTo("redis_db\n");
    check.ok("rm multihost").out().isEqualTo("multihost\n");

    // removing a network
    check.failed("rm isolated_nw refused", 1).err()
        .startsWith("Error response from daemon: error while removing network: network isolated_nw has active endpoints");
    check.ok("disconnect container3").out().isEmpty();
    soft.assertThat(check.inspect("inspect isolated_nw empty").path("Containers").toString()).isEqualTo("{}");
    check.ok("rm isolated_nw").out().isEqualTo("isolated_nw\n");
    List<String> ids = check.ok("ls -q").actual().out().lines().toList();
    soft.assertThat(ids).hasSize(6).allMatch(id -> id.matches("[0-9a-f]{12}"));
    if (ids.size() == 6) {
      String[][] expected = {{"bridge", "bridge"}, {"host", "host"}, {"local_alias", "bridge"}, {"my-network", "bridge"},
          {"none", "null"}, {"simple-network", "bridge"}};
      StringBuilder table = new StringBuilder("NETWORK ID     NAME             DRIVER    SCOPE\n");
      for (int i = 0; i < 6; i++) {
        table.append(ids.get(i)).append("   ").append(String.format("%-17s%-10s", expected[i][0], expected[i][1]))
            .append("local\n");
      }
      check.ok("ls").out().isEqualTo(table.toString());
    }
    soft.assertThat(walk.surprises()).as("steps whose exit status differed from the guide's").isEmpty();
    soft.assertAll();
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** {@code Name IPv4Address MacAddress} of each entry of an inspect document's {@code Containers}. */
  private static List<String> containers(JsonNode network) {
    List<String> entries = new ArrayList<>();
    network.path("Containers").forEach(c -> entries.add(c.path("Name").asText() + " " + c.path("IPv4Address").asText()
        + " " + c.path("MacAddress").asText()));
    return entries;
  }

  /** {@code ip -br -4 addr} → {@code eth0 172.17.0.3/16}, loopback left out. */
  private static List<String> interfaces(String ipBrief) {
    List<String> found = new ArrayList<>();
    for (String line : ipBrief.lines().toList()) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && !f[0].equals("lo")) {
        found.add(f[0].replaceFirst("@.*", "") + " " + f[2]);
      }
    }
    return found;
  }

  private static Set<String> lines(String text) {
    return new TreeSet<>(Arrays.asList(text.isBlank() ? new String[0] : text.trim().split("\n")));
  }

  /** Assertions on the results by step key; a missing step is a failure of its own. */
  private static final class Check {
    private final SoftAssertions soft;
    private final Map<String, Cli.Result> results;

    Check(SoftAssertions soft, Map<String, Cli.Result> results) {
      this.soft = soft;
      this.results = results;
    }

    private Cli.Result get(String step) {
      Cli.Result r = results.get(step);
      if (r == null) {
        soft.fail("step \"" + step + "\" did not run");
        return new Cli.Result(List.of(), -1, "", "");
      }
      return r;
    }

    ResultAssert ok(String step) {
      Cli.Result r = get(step);
      soft.assertThat(r.exitCode()).as("%s: exit status (stderr: %s)", step, r.err()).isZero();
      return new ResultAssert(soft, step, r);
    }

    ResultAssert failed(String step, int exitCode) {
      Cli.Result r = get(step);
      soft.assertThat(r.exitCode()).as("%s: exit status (stdout: %s, stderr: %s)", step, r.out(), r.err())
          .isEqualTo(exitCode);
      return new ResultAssert(soft, step, r);
    }

    JsonNode inspect(String step) {
      try {
        JsonNode array = JSON.readTree(ok(step).actual().out());
        soft.assertThat(array.size()).as("%s: one document", step).isEqualTo(1);
        return array.path(0);
      } catch (Exception e) {
        soft.fail(step + ": not JSON: " + e.getMessage());
        return JSON.createObjectNode();
      }
    }

    /** A ping that resolved {@code name} to {@code address} and got every reply. */
    void pings(String step, String name, String address) {
      ok(step).out().contains("PING " + name + " (" + address + ")").contains(" 0% packet loss");
    }

    /** A ping whose name did not resolve (iputils exits 2 before sending). */
    void unresolved(String step) {
      failed(step, 2).out().doesNotContain("PING ");
    }

    /** A ping that was sent but got no reply. */
    void noReply(String step) {
      Cli.Result r = get(step);
      soft.assertThat(r.exitCode()).as("%s: exit status (%s)", step, r).isNotZero();
      soft.assertThat(r.out()).as("%s: no reply", step).doesNotContain(" 0% packet loss").doesNotContain("bytes from");
    }
  }

  /** The output assertions of one step, named after it. */
  private record ResultAssert(SoftAssertions soft, String step, Cli.Result actual) {
    org.assertj.core.api.AbstractStringAssert<?> out() {
      return soft.assertThat(actual.out()).as("%s: stdout", step);
    }

    org.assertj.core.api.AbstractStringAssert<?> err() {
      return soft.assertThat(actual.err()).as("%s: stderr", step);
    }
  }
}
