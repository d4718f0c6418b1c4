package dev.lanyard.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.rt.RtNetlink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Docker's guide "Work with network commands", every step from {@code simple-network} to removing
 * {@code isolated_nw}, run through the {@code lanyard} CLI against the real kernel: networks and their inspect
 * JSON, containers as network namespaces, real {@code ping}, {@code getent} and {@code dig} inside them through
 * the embedded DNS, links and aliases and their scoping, the alias round-robin with stop/start, a published
 * port reached through {@code host_binding_ipv4}, the stale-endpoint cleanup, and the final {@code network ls}.
 *
 * <pre>{@code
 * java -jar examples/target/lanyard.jar demo        # as root; or java -cp … dev.lanyard.examples.SeedWalkthrough
 * }</pre>
 *
 * <p>{@link #main}/{@link #run} make a scratch host namespace {@code lanyard-demo-PID} (never the machine's own),
 * a temporary state directory and container namespaces named {@code lanyard-demo-PID-NAME}, and remove all of
 * it at the end, on failure, or on Ctrl-C. {@link #walk} is the guide itself on any host namespace; the
 * end-to-end test runs it in a test-lab namespace and checks every {@link Cli.Result} it returns, by step.
 * Where Lanyard differs from the guide's printed output (subnets chosen, the guide's own inconsistencies), the
 * narration says so. Runs on the calling thread; not thread-safe.
 */
public final class SeedWalkthrough {
  /** Where {@code my-network} binds published ports, as in the guide. */
  public static final String HOST_BINDING = "172.23.0.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Cli cli;
  private final PrintWriter out;
  private final Path stateDirectory;
  private final Path hostNamespace;
  private final String namespacePrefix;
  private final Map<String, Cli.Result> results = new LinkedHashMap<>();
  private final List<String> surprises = new java.util.ArrayList<>();

  public SeedWalkthrough(Path stateDirectory, Path hostNamespace, String namespacePrefix, PrintWriter out) {
    if (namespacePrefix == null || namespacePrefix.isEmpty()) {
      // cleanUp deletes every namespace with the prefix: an empty one would match the machine's others
      throw new IllegalArgumentException("the walkthrough needs a non-empty namespace prefix");
    }
    this.stateDirectory = stateDirectory;
    this.hostNamespace = hostNamespace;
    this.namespacePrefix = namespacePrefix;
    this.out = out;
    this.cli = new Cli(stateDirectory, hostNamespace, namespacePrefix, out);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err));
  }

  /** The demo: scratch namespace and state directory, the walk, then everything removed. Returns an exit code. */
  public static int run(PrintWriter out, PrintWriter err) {
    String name = "lanyard-demo-" + ProcessHandle.current().pid();
    Path state;
    try {
      state = Files.createTempDirectory("lanyard-demo-");
    } catch (IOException e) {
      err.println("cannot create a state directory: " + e.getMessage());
      return 1;
    }
    SeedWalkthrough walk;
    try (NetNs host = NetNs.create(name)) {
      loopbackUp(host);
      walk = new SeedWalkthrough(state, host.path(), name + "-", out);
    } catch (RuntimeException e) {
      err.println("cannot create the scratch namespace " + name + " (run as root): " + e.getMessage());
      deleteTree(state);
      return 1;
    }
    Thread onCtrlC = new Thread(() -> walk.cleanUp(name), "lanyard-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      out.println("# Lanyard: Docker's \"Work with network commands\" guide, step by step");
      out.println("# host namespace: /run/netns/" + name + "   state directory: " + state);
      out.println();
      walk.walk();
      if (walk.surprises().isEmpty()) {
        out.println("# Every step went as the guide says.");
        return 0;
      }
      err.println("# Steps that did not go as the guide says: " + String.join("; ", walk.surprises()));
      return 1;
    } catch (RuntimeException e) {
      err.println("the walkthrough failed: " + e);
      e.printStackTrace(err);
      return 1;
    } finally {
      walk.cleanUp(name);
      Runtime.getRuntime().removeShutdownHook(onCtrlC);
    }
  }

  /** A scratch namespace starts with loopback down; local delivery (to the bridges' addresses) needs it up. */
  public static void loopbackUp(NetNs ns) {
    try (RtNetlink rt = RtNetlink.openIn(ns)) {
      rt.setUp(rt.link("lo").index());
    }
  }

  /** Every step of the guide; returns each step's result by key, in order. */
  public Map<String, Cli.Result> walk() {
    say("Create networks. A network with only a name is a bridge network with a free subnet.");
    step("create simple-network", "network", "create", "simple-network");
    step("inspect simple-network", "network", "inspect", "simple-network");
    say("The guide's overlay example needs a multi-host driver; this build has bridge, host and null only.");
    refused("create overlay", "network", "create", "-d", "overlay", "--subnet=192.168.0.0/16",
        "--subnet=192.170.0.0/16", "--gateway=192.168.0.100", "--gateway=192.170.0.100", "--ip-range=192.168.1.0/24",
        "--aux-address=my-router=192.168.1.5", "--aux-address=my-switch=192.168.1.6",
        "--aux-address=my-printer=192.170.1.5", "--aux-address=my-nas=192.170.1.6", "my-multihost-network");

    say("-o passes a driver option: published ports of my-network bind to " + HOST_BINDING + ". The guide relies on"
        + " the daemon happening to choose 172.23.0.0/16; here the subnet is given so that address is the gateway.");
    step("create my-network", "network", "create", "--subnet", "172.23.0.0/16",
        "-o", "com.docker.network.bridge.host_binding_ipv4=" + HOST_BINDING, "my-network");
    step("inspect my-network", "network", "inspect", "my-network");
    say("A container is a network namespace; the image name is accepted and ignored, the command runs inside."
        + " busybox nc stands in for redis: it answers +PONG on port 6379, published by -P.");
    step("run redis", "run", "-d", "-P", "--expose", "6379", "--name", "redis", "--network", "my-network", "redis",
        "busybox", "nc", "-ll", "-p", "6379", "-e", "echo", "+PONG");
    step("ps", "ps");
    publishedPort();

    say("Connect containers. container1 and container2 start on the default bridge network.");
    step("run container1", "run", "-itd", "--name=container1", "busybox");
    step("run container2", "run", "-itd", "--name=container2", "busybox");
    step("create isolated_nw", "network", "create", "-d", "bridge", "--subnet", "172.25.0.0/16", "isolated_nw");
    step("connect container2", "network", "connect", "isolated_nw", "container2");
    step("inspect isolated_nw with container2", "network", "inspect", "isolated_nw");
    step("run container3", "run", "--network=isolated_nw", "--ip=172.25.3.3", "-itd", "--name=container3", "busybox");
    step("inspect container3", "inspect", "--format={{json .NetworkSettings.Networks}}", "container3");
    step("inspect container2", "inspect", "--format={{json .NetworkSettings.Networks}}", "container2");
    say("container2 has two interfaces: eth0 on the default bridge, eth1 on isolated_nw.");
    step("container2 interfaces", "exec", "container2", "ip", "-br", "-4", "addr");
    say("The embedded DNS server answers container names on user-defined networks.");
    step("container2 ping container3", "exec", "container2", "ping", "-c", "2", "-i", "0.2", "-w", "2", "container3");
    say("Not on the default bridge network: container1's name does not resolve, its address answers.");
    refused("container2 ping container1", "exec", "container2", "ping", "-c", "1", "-w", "1", "container1");
    step("container2 ping 172.17.0.2", "exec", "container2", "ping", "-c", "2", "-i", "0.2", "-w", "2", "172.17.0.2");
    say("container3 and container1 share no network: no reply.");
    refused("container3 ping 172.17.0.2", "exec", "container3", "ping", "-c", "1", "-w", "1", "172.17.0.2");

    say("Legacy links: container4 links to container5, which does not exist yet.");
    step("run container4", "run", "--network=isolated_nw", "-itd", "--name=container4", "--link", "container5:c5",
        "busybox");
    refused("container4 ping container5 before", "exec", "container4", "ping", "-c", "1", "-w", "1", "container5");
    refused("container4 ping c5 before", "exec", "container4", "ping", "-c", "1", "-w", "1", "c5");
    step("run container5", "run", "--network=isolated_nw", "-itd", "--name=container5", "--link", "container4:c4",
        "busybox");
    step("container4 ping c5", "exec", "container4", "ping", "-c", "2", "-i", "0.2", "-w", "2", "c5");
    step("container4 ping container5", "exec", "container4", "ping", "-c", "2", "-i", "0.2", "-w", "2", "container5");
    step("container5 ping c4", "exec", "container5", "ping", "-c", "2", "-i", "0.2", "-w", "2", "c4");
    step("container5 ping container4", "exec", "container5", "ping", "-c", "2", "-i", "0.2", "-w", "2", "container4");

    say("Network alias scoping: links made on local_alias exist only there, and only for the linking container.");
    step("create local_alias", "network", "create", "-d", "bridge", "--subnet", "172.26.0.0/24", "local_alias");
    step("connect container4 to local_alias", "network", "connect", "--link", "container5:foo", "local_alias",
        "container4");
    step("connect container5 to local_alias", "network", "connect", "--link", "container4:bar", "local_alias",
        "container5");
    step("container4 ping foo", "exec", "container4", "ping", "-c", "2", "-i", "0.2", "-w", "2", "foo");
    step("container4 ping c5 on both networks", "exec", "container4", "ping", "-c", "2", "-i", "0.2", "-w", "2", "c5");
    step("container5 getent bar", "exec", "container5", "getent", "hosts", "bar");
    refused("container4 getent bar", "exec", "container4", "getent", "hosts", "bar");
    step("disconnect container5 from isolated_nw", "network", "disconnect", "isolated_nw", "container5");
    say("The embedded DNS no longer answers c5 for container4, so ping cannot resolve it (links on user-defined"
        + " networks are DNS aliases only; Docker writes them into /etc/hosts only on the default bridge).");
    step("container4 dig c5 after disconnect", "exec", "container4", "dig", "+short", "c5");
    refused("container4 ping c5 after disconnect", "exec", "container4", "ping", "-c", "1", "-w", "1", "c5");
    step("container4 ping foo after disconnect", "exec", "container4", "ping", "-c", "2", "-i", "0.2", "-w", "2", "foo");

    say("Network-scoped aliases are seen by every container on the network.");
    step("run container6", "run", "--network=isolated_nw", "-itd", "--name=container6", "--network-alias", "app",
        "busybox");
    step("container4 ping app", "exec", "container4", "ping", "-c", "2", "-i", "0.2", "-w", "2", "app");
    step("container4 ping container6", "exec", "container4", "ping", "-c", "2", "-i", "0.2", "-w", "2", "container6");
    step("connect container6 to local_alias", "network", "connect", "--alias", "scoped-app", "local_alias",
        "container6");
    step("container4 ping scoped-app", "exec", "container4", "ping", "-c", "2", "-i", "0.2", "-w", "2", "scoped-app");
    say("The guide expects container5 not to resolve scoped-app, but container5 is on local_alias by now, so it"
        + " does (as in Docker). container3, only on isolated_nw, does not; nor does container5 resolve app, an"
        + " alias of isolated_nw, which it left.");
    step("container5 getent scoped-app", "exec", "container5", "getent", "hosts", "scoped-app");
    refused("container3 getent scoped-app", "exec", "container3", "getent", "hosts", "scoped-app");
    refused("container5 getent app", "exec", "container5", "getent", "hosts", "app");

    say("Several containers may share an alias: the DNS answer holds all of them, in turn.");
    step("run container7", "run", "--network=isolated_nw", "-itd", "--name=container7", "--network-alias", "app",
        "busybox");
    step("container4 dig app", "exec", "container4", "dig", "+short", "app");
    step("stop container6", "stop", "container6");
    step("container4 dig app after stop", "exec", "container4", "dig", "+short", "app");
    step("container4 ping app after stop", "exec", "container4", "ping", "-c", "2", "-i", "0.2", "-w", "2", "app");
    step("start container6", "start", "container6");
    step("container4 dig app after start", "exec", "container4", "dig", "+short", "app");

    say("Disconnecting containers.");
    step("disconnect container2", "network", "disconnect", "isolated_nw", "container2");
    step("inspect container2 after disconnect", "inspect", "--format={{json .NetworkSettings.Networks}}", "container2");
    step("inspect isolated_nw after disconnect", "network", "inspect", "isolated_nw");
    step("container2 interfaces after disconnect", "exec", "container2", "ip", "-br", "-4", "addr");
    refused("container2 ping 172.25.3.3 after disconnect", "exec", "container2", "ping", "-c", "1", "-w", "1", "172.25.3.3");
    step("container2 ping 172.17.0.2 after disconnect", "exec", "container2", "ping", "-c", "2", "-i", "0.2", "-w", "2",
        "172.17.0.2");
    step("stop container4-7", "stop", "container4", "container5", "container6", "container7");
    step("rm container4-7", "rm", "container4", "container5", "container6", "container7");

    staleEndpoint();

    say("Remove a network: refused while an endpoint remains, done once it is gone.");
    refused("rm isolated_nw refused", "network", "rm", "isolated_nw");
    step("disconnect container3", "network", "disconnect", "isolated_nw", "container3");
    step("inspect isolated_nw empty", "network", "inspect", "isolated_nw");
    step("rm isolated_nw", "network", "rm", "isolated_nw");
    step("ls", "network", "ls");
    step("ls -q", "network", "ls", "-q");
    return Map.copyOf(results);
  }

  /** The results so far, by step key, in order. */
  public Map<String, Cli.Result> results() {
    return new LinkedHashMap<>(results);
  }

  /** The guide's published-port check: from the host namespace to {@code host_binding_ipv4:PORT}. */
  private void publishedPort() {
    Cli.Result ports = step("redis ports", "inspect", "--format={{json .NetworkSettings.Ports}}", "redis");
    String hostPort = "";
    try {
      JsonNode binding = JSON.readTree(ports.out()).path("6379/tcp").path(0);
      hostPort = binding.path("HostPort").asText();
    } catch (IOException e) {
      // reported as a failed step below
    }
    say("From the host namespace, the published port answers on " + HOST_BINDING + ":" + hostPort + ".");
    String address = HOST_BINDING;
    String port = hostPort;
    out.println("$ nc " + address + " " + port + "      # in the host namespace");
    Cli.Result result;
    try (NetNs host = NetNs.open(hostNamespace)) {
      String line = host.call(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(address, Integer.parseInt(port)), 2000);
          s.setSoTimeout(2000);
          return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
      });
      result = new Cli.Result(List.of("nc", address, port), line == null ? 1 : 0, line == null ? "" : line + "\n", "");
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      result = new Cli.Result(List.of("nc", address, port), 1, "", "nc: " + cause + "\n");
    }
    out.print(result.out());
    out.print(result.err());
    out.println();
    results.put("published port", result);
    if (!result.ok()) {
      surprises.add("published port");
    }
  }

  /**
   * Handling stale network endpoints. Lanyard repairs what a crashed process left half done when it next
   * opens, so a stale endpoint is made the way the guide says they arise: the daemon is stopped and the
   * container's record is lost (its row deleted from the store, its namespace removed), leaving the endpoint
   * behind. Only {@code disconnect -f} removes it.
   */
  private void staleEndpoint() {
    say("Handling stale network endpoints.");
    step("create multihost", "network", "create", "multihost");
    step("run redis_db", "run", "-d", "--name", "redis_db", "--network", "multihost", "redis");
    String id = results.get("run redis_db").out().trim();
    say("Simulating an ungraceful restart that loses redis_db: the DNS daemon is stopped, the container's record"
        + " deleted from the store and its namespace removed; its endpoint on multihost stays behind.");
    step("stop dns daemon", "dns-daemon", "stop");
    loseContainer(id, "redis_db");
    step("inspect multihost with stale endpoint", "network", "inspect", "multihost");
    refused("rm multihost refused", "network", "rm", "multihost");
    refused("disconnect stale without -f", "network", "disconnect", "multihost", "redis_db");
    step("rm -f redis_db", "rm", "-f", "redis_db");
    step("disconnect -f redis_db", "network", "disconnect", "-f", "multihost", "redis_db");
    step("inspect multihost after disconnect -f", "network", "inspect", "multihost");
    step("run redis_db again", "run", "-d", "--name", "redis_db", "--network", "multihost", "redis");
    step("rm -f redis_db again", "rm", "-f", "redis_db");
    step("rm multihost", "network", "rm", "multihost");
  }

  private void loseContainer(String id, String name) {
    out.println("$ sqlite3 " + stateDirectory.resolve("lanyard.db") + " \"DELETE FROM objects WHERE kind = 'container'"
        + " AND id = '" + id + "'\"");
    out.println("$ ip netns delete " + namespacePrefix + name);
    out.println();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + stateDirectory.resolve("lanyard.db"));
        PreparedStatement delete = db.prepareStatement("DELETE FROM objects WHERE kind = 'container' AND id = ?")) {
      delete.setString(1, id);
      results.put("lose redis_db", new Cli.Result(List.of("sqlite3"), delete.executeUpdate() == 1 ? 0 : 1, "", ""));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot edit the store " + stateDirectory.resolve("lanyard.db"), e);
    }
    String nsName = namespacePrefix + name;
    if (NetNs.exists(nsName)) {
      NetNs.delete(nsName);
    }
    deleteTree(Path.of("/etc/netns", nsName));
  }

  /** A step the guide expects to succeed. */
  private Cli.Result step(String key, String... args) {
    Cli.Result r = cli.run(args);
    results.put(key, r);
    if (!r.ok()) {
      surprises.add(key);
    }
    return r;
  }

  /** A step the guide expects to fail (a name that must not resolve, a refused removal…). */
  private Cli.Result refused(String key, String... args) {
    Cli.Result r = cli.run(args);
    results.put(key, r);
    if (r.ok()) {
      surprises.add(key);
    }
    return r;
  }

  /** Keys of the steps whose success or failure was not what the guide says, in order. */
  public List<String> surprises() {
    return List.copyOf(surprises);
  }

  private void say(String text) {
    out.println("# " + text);
    out.println();
  }

  /**
   * Removes what a walk made: containers and user networks (through the CLI, so their kernel objects go), the
   * DNS daemon, every namespace named with the prefix, then the host namespace {@code hostName} (if not null)
   * and the state directory. Never throws; what it could not remove is printed.
   */
  public void cleanUp(String hostName) {
    try {
      Cli quiet = new Cli(stateDirectory, hostNamespace, namespacePrefix, new PrintWriter(PrintWriter.nullWriter()));
      Cli.Result ps = quiet.run("ps", "-aq", "--no-trunc");
      if (ps.ok() && !ps.out().isBlank()) {
        List<String> args = new java.util.ArrayList<>(List.of("rm", "-f"));
        args.addAll(List.of(ps.out().trim().split("\\s+")));
        quiet.run(args.toArray(String[]::new));
      }
      quiet.run("network", "prune", "-f");
      quiet.run("dns-daemon", "stop");
    } catch (RuntimeException e) {
      out.println("# cleanup: " + e.getMessage());
    }
    try (Stream<Path> names = Files.exists(NetNs.RUN_DIR) ? Files.list(NetNs.RUN_DIR) : Stream.empty()) {
      for (Path p : names.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(namespacePrefix) || n.equals(hostName)) {
          NetNs.delete(n);
          deleteTree(Path.of("/etc/netns", n));
        }
      }
    } catch (IOException | RuntimeException e) {
      out.println("# cleanup of namespaces: " + e.getMessage());
    }
    if (hostName != null) {
      deleteTree(stateDirectory);
    }
    out.flush();
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("delete " + dir, e);
    }
  }
}
