package dev.lanyard.bridge;

import dev.lanyard.Container;
import dev.lanyard.Network;
import dev.lanyard.Networks;
import dev.lanyard.netlink.NetNs;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Harness (a main class, never a test): connect and disconnect of one container through the Lanyard API,
 * side by side with {@code netavark setup}/{@code teardown} (1.4, iptables firewall driver, no DNS) and the
 * CNI {@code bridge} plugin's ADD/DEL (host-local IPAM; once without and once with {@code ipMasq}) doing the
 * same work — a veth into a fresh
 * namespace on a bridge with an address and a default route — with 1, 100 and 1,000 other containers
 * attached to each tool's own bridge; plus Lanyard's network create (bridge + addresses + firewall batch).
 * Every tool runs in the same JVM run, inside one scratch "host" namespace this harness creates (the
 * peers are child processes started from a thread inside it, so they inherit it); everything is named
 * {@code lyb<pid>x…} and deleted at the end, on failure or on Ctrl-C.
 *
 * <p>By default the tools take turns run by run, with every tool's containers on the host at once (at 1,000:
 * 3,000 interfaces, the peers' with IPv6 link-local addresses and their multicast listener reports flooding
 * their bridges). {@code --isolated} times each tool at each point alone, with only its own containers present;
 * the others' are removed first.
 *
 * <p>After the last point, the probe is connected and disconnected {@code --leak-cycles} more times; the
 * controller is closed (which finishes the background veth deletions) and the host namespace must hold
 * exactly the background containers' veths.
 *
 * <p>Run: {@code mvn -B -ntp -q -pl driver-bridge -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test && java -cp
 * "driver-bridge/target/test-classes:driver-bridge/target/classes:$(cat driver-bridge/target/bench.cp)"
 * dev.lanyard.bridge.ConnectBenchmark [--runs 100] [--points 1,100,1000] [--leak-cycles 1000] [--warmup 3000]
 * [--lanyard-only] [--isolated] [--pause-ms 0]}
 */
public final class ConnectBenchmark {
  private static final String NETAVARK = "/usr/lib/podman/netavark";
  private static final String CNI_PATH = "/usr/lib/cni";

  private final String prefix = "lyb" + ProcessHandle.current().pid() + "x";
  private final Path work;
  private final Map<String, List<Long>> samples = new TreeMap<>();
  private int runs = 100;
  private int warmup = 3000;
  private int leakCycles = 1000;
  private int[] points = {1, 100, 1000};
  /** False with {@code --lanyard-only}: Lanyard's series alone, without the peers' processes competing for the CPUs. */
  private boolean peers = true;
  /**
   * With {@code --isolated}: at each point every tool is timed alone, with only its own containers on the host;
   * without, the tools take turns run by run with all their containers present at once.
   */
  private boolean isolated;
  /** With {@code --pause-ms N}: a pause before each of Lanyard's timed cycles, as between a program's rare connects. */
  private int pauseMillis;

  private ConnectBenchmark() throws IOException {
    this.work = Files.createTempDirectory("lanyard-bench");
  }

  public static void main(String[] args) throws Exception {
    ConnectBenchmark b = new ConnectBenchmark();
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--runs" -> b.runs = Integer.parseInt(args[i + 1]);
        case "--warmup" -> b.warmup = Integer.parseInt(args[i + 1]);
        case "--leak-cycles" -> b.leakCycles = Integer.parseInt(args[i + 1]);
        case "--pause-ms" -> b.pauseMillis = Integer.parseInt(args[i + 1]);
        case "--lanyard-only" -> {
          b.peers = false;
          i--;
        }
        case "--isolated" -> {
          b.isolated = true;
          i--;
        }
        case "--points" -> b.points = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Thread cleanup = new Thread(b::cleanUp, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    NetNs.create(b.prefix + "host");
    try (NetNs host = NetNs.named(b.prefix + "host")) {
      host.call(() -> {
        b.run(host);
        return null;
      });
    }
    b.report();
  }

  private void run(NetNs host) throws Exception {
    exec(List.of("ip", "link", "set", "lo", "up"), null, Map.of());
    Files.createDirectories(work.resolve("netavark"));
    Networks networks = Networks.builder().stateDirectory(work.resolve("state")).hostNamespace(host.path())
        .namespacePrefix(prefix).open();
    Network bench = networks.newNetwork("bench").subnet("10.87.0.0/16").create();
    // network create, after an untimed warm-up of its own
    int createWarmup = Math.min(warmup, 500);
    for (int i = 0; i < createWarmup + runs; i++) {
      long t0 = System.nanoTime();
      Network n = networks.newNetwork("create" + i).create();
      if (i >= createWarmup) {
        record("lanyard network create", 0, System.nanoTime() - t0);
      }
      n.remove();
    }
    NetNs.create(prefix + "probe");
    Container probe = networks.adopt("probe", NetNs.namedPath(prefix + "probe"));
    // Warm-up, untimed: the first-use paths of every tool, and for Lanyard the JIT. 50 cycles left most of the
    // connect path interpreted or in profiling code: connects 150 ms apart then took 3.2–3.6 ms, against 2.2 ms
    // after 5,000 cycles (the peers are native programs, started afresh for every call either way).
    for (int r = 0; r < warmup; r++) {
      bench.connect(probe);
      bench.disconnect(probe);
    }
    if (peers) {
      for (int r = 0; r < 5; r++) {
        netavark("setup", "probe", 0);
        netavark("teardown", "probe", 0);
        cni("ADD", "probe", false);
        cni("DEL", "probe", false);
        cni("ADD", "probe", true);
        cni("DEL", "probe", true);
      }
    }
    List<Container> background = new ArrayList<>();
    for (int point : points) {
      if (isolated) {
        // each tool alone with its own `point` containers: the others' interfaces are gone while it is timed
        lanyardBackgroundGone(bench, background);
        if (peers) {
          peerBackground("nv", 1, point, true);
          series(point, () -> netavarkCycle(point));
          peerBackground("nv", 1, point, false);
          peerBackground("cn", 1, point, true);
          series(point, () -> cniCycle(point));
          peerBackground("cn", 1, point, false);
        }
        lanyardBackground(networks, bench, background, point);
        series(point, () -> lanyardCycle(bench, probe, point));
      } else {
        if (peers) {
          peerBackground("nv", background.size() + 1, point, true);
          peerBackground("cn", background.size() + 1, point, true);
        }
        lanyardBackground(networks, bench, background, point);
        // the tools take turns run by run
        series(point, () -> {
          lanyardCycle(bench, probe, point);
          if (peers) {
            netavarkCycle(point);
            cniCycle(point);
          }
        });
      }
      System.err.println("point " + point + " done");
    }
    int attached = background.size();
    for (int r = 0; r < leakCycles; r++) {
      bench.connect(probe);
      bench.disconnect(probe);
    }
    networks.close();
    String links = exec(List.of("ip", "-o", "link", "show"), null, Map.of());
    long ours = links.lines().filter(l -> l.matches("\\d+: l[vx][0-9a-f]{12}@.*")).count();
    String probeLinks = exec(List.of("ip", "-n", prefix + "probe", "-o", "link", "show"), null, Map.of());
    System.out.printf("leak check after %d more connect/disconnect cycles: %d host veths for %d background containers"
        + " (%s); probe namespace holds %d links%n", leakCycles, ours, attached,
        ours == attached ? "none leaked" : "LEAK", probeLinks.lines().count());
  }

  private interface Cycle {
    void run() throws Exception;
  }

  private void series(int point, Cycle cycle) throws Exception {
    settleJit();
    System.err.println("point " + point + " timed series starts");
    for (int r = 0; r < runs; r++) {
      cycle.run();
    }
  }

  private void lanyardCycle(Network bench, Container probe, int point) throws InterruptedException {
    if (pauseMillis > 0) {
      Thread.sleep(pauseMillis);
    }
    long t0 = System.nanoTime();
    bench.connect(probe);
    long t1 = System.nanoTime();
    bench.disconnect(probe);
    long t2 = System.nanoTime();
    record("lanyard connect", point, t1 - t0);
    record("lanyard disconnect", point, t2 - t1);
  }

  private void netavarkCycle(int point) throws Exception {
    record("netavark setup", point, netavark("setup", "probe", 0));
    record("netavark teardown", point, netavark("teardown", "probe", 0));
  }

  private void cniCycle(int point) throws Exception {
    record("cni ADD", point, cni("ADD", "probe", false));
    record("cni DEL", point, cni("DEL", "probe", false));
    record("cni+masq ADD", point, cni("ADD", "probe", true));
    record("cni+masq DEL", point, cni("DEL", "probe", true));
  }

  /**
   * Connects background containers until {@code count} are on {@code bench}: those disconnected before first (their
   * namespaces are kept, so no namespace teardown runs in the kernel during a later series), then new ones.
   */
  /**
   * Waits (up to 30 s) until the JIT has compiled nothing for half a second: growing the background runs code the
   * warm-up did not, and its compilations would otherwise share the two CPUs with the timed series.
   */
  private static void settleJit() throws InterruptedException {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long last = -1;
    for (int quiet = 0; quiet < 5 && System.nanoTime() < deadline; ) {
      long total = jit.getTotalCompilationTime();
      quiet = total == last ? quiet + 1 : 0;
      last = total;
      Thread.sleep(100);
    }
  }

  private static void lanyardBackground(Networks networks, Network bench, List<Container> background, int count) {
    int connected = (int) background.stream().filter(c -> !c.endpoints().isEmpty()).count();
    for (Container c : background) {
      if (connected < count && c.endpoints().isEmpty()) {
        bench.connect(c);
        connected++;
      }
    }
    while (background.size() < count) {
      background.add(networks.run("bg" + (background.size() + 1), o -> o.network("bench")));
    }
  }

  /** Disconnects every background container, then waits until the reaper has deleted their veth pairs. */
  private static void lanyardBackgroundGone(Network bench, List<Container> background) throws Exception {
    for (Container c : background) {
      if (!c.endpoints().isEmpty()) {
        bench.disconnect(c);
      }
    }
    while (exec(List.of("ip", "-o", "link", "show", "group", Integer.toString(VethReaper.RETIRED_GROUP)), null, Map.of()).lines().findAny().isPresent()) {
      Thread.sleep(50);
    }
  }

  /**
   * Adds ({@code add}) or removes containers {@code kind}{@code from}…{@code to} of a peer: "nv" netavark's, "cn" CNI's.
   * Their namespaces stay until the end, so no namespace teardown runs in the kernel during a later series.
   */
  private void peerBackground(String kind, int from, int to, boolean add) throws Exception {
    for (int i = from; i <= to; i++) {
      String name = kind + i;
      if (add && !NetNs.exists(prefix + name)) {
        NetNs.create(prefix + name);
      }
      if (kind.equals("nv")) {
        netavark(add ? "setup" : "teardown", name, i);
      } else {
        cni(add ? "ADD" : "DEL", name, false);
      }
    }
  }

  /** netavark setup/teardown of container {@code name} with a static address; returns nanoseconds. */
  private long netavark(String command, String name, int index) throws Exception {
    String ip = index == 0 ? "10.89.255.200" : "10.89." + (index / 250) + "." + (index % 250 + 2);
    String json = """
        {"container_id": "%s", "container_name": "%s",
         "networks": {"nvnet": {"static_ips": ["%s"], "interface_name": "eth0", "aliases": ["%s"]}},
         "network_info": {"nvnet": {"name": "nvnet", "id": "%s", "driver": "bridge", "network_interface": "nvbr0",
           "subnets": [{"subnet": "10.89.0.0/16", "gateway": "10.89.255.254"}],
           "ipv6_enabled": false, "internal": false, "dns_enabled": false, "ipam_options": {"driver": "host-local"}}}}
        """.formatted(hex64(name), name, ip, name, hex64("nvnet"));
    long t0 = System.nanoTime();
    exec(List.of(NETAVARK, "-c", work.resolve("netavark").toString(), command,
        NetNs.namedPath(prefix + name).toString()), json, Map.of("NETAVARK_FW", "iptables"));
    return System.nanoTime() - t0;
  }

  /**
   * CNI bridge plugin ADD/DEL of container {@code name} (host-local IPAM); returns nanoseconds. With
   * {@code masquerade} the same network has {@code ipMasq}: the container also gets a way out, as on Lanyard's
   * (masquerading) network, which CNI does with firewall rules per container. The background containers are
   * added without it, so the probe's rules are the only ones — in CNI's favour at 100 and 1,000.
   */
  private long cni(String command, String name, boolean masquerade) throws Exception {
    String conf = """
        {"cniVersion": "1.0.0", "name": "cnnet", "type": "bridge", "bridge": "cnbr0", "isGateway": true,
         "ipMasq": %s, "hairpinMode": true,
         "ipam": {"type": "host-local", "dataDir": "%s",
                  "ranges": [[{"subnet": "10.88.0.0/16", "gateway": "10.88.0.1"}]], "routes": [{"dst": "0.0.0.0/0"}]}}
        """.formatted(masquerade, work.resolve("cni-ipam"));
    long t0 = System.nanoTime();
    exec(List.of(CNI_PATH + "/bridge"), conf, Map.of("CNI_COMMAND", command, "CNI_CONTAINERID", name,
        "CNI_NETNS", NetNs.namedPath(prefix + name).toString(), "CNI_IFNAME", "eth0", "CNI_PATH", CNI_PATH));
    return System.nanoTime() - t0;
  }

  private static String exec(List<String> command, String stdin, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private void record(String what, int point, long nanos) {
    samples.computeIfAbsent(what + " @" + String.format("%04d", point), k -> new ArrayList<>()).add(nanos);
  }

  private static long percentile(List<Long> values, double p) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.naturalOrder());
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }

  private double p50(String what, int point) {
    return percentile(samples.get(what + " @" + String.format("%04d", point)), 0.5) / 1e3;
  }

  private void report() {
    System.out.printf("%-36s %6s %10s %10s%n", "operation @ others attached", "n", "p50 µs", "p90 µs");
    samples.forEach((k, v) -> System.out.printf("%-36s %6d %10.1f %10.1f%n", k, v.size(),
        percentile(v, 0.5) / 1e3, percentile(v, 0.9) / 1e3));
    for (int point : points) {
      if (!peers) {
        break;
      }
      double connect = p50("lanyard connect", point);
      double disconnect = p50("lanyard disconnect", point);
      System.out.printf("@%d: connect %.1fx faster than cni ADD, %.1fx than cni+masq ADD, %.1fx than netavark setup; "
          + "disconnect %.1fx faster than cni DEL, %.1fx than cni+masq DEL, %.1fx than netavark teardown%n", point,
          p50("cni ADD", point) / connect, p50("cni+masq ADD", point) / connect, p50("netavark setup", point) / connect,
          p50("cni DEL", point) / disconnect, p50("cni+masq DEL", point) / disconnect,
          p50("netavark teardown", point) / disconnect);
    }
    System.out.printf("lanyard connect p50 at %d / at %d = %.2f%n", points[points.length - 1], points[0],
        p50("lanyard connect", points[points.length - 1]) / p50("lanyard connect", points[0]));
  }

  private static String hex64(String s) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes every namespace named with this run's prefix (the host one last) and the work directory. */
  private void cleanUp() {
    try {
      List<String> names;
      try (var files = Files.list(NetNs.RUN_DIR)) {
        names = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
      }
      for (String n : names) {
        if (!n.equals(prefix + "host")) {
          NetNs.delete(n);
        }
      }
      if (names.contains(prefix + "host")) {
        NetNs.delete(prefix + "host");
      }
      try (var tree = Files.walk(work)) {
        tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      Path etc = Path.of("/etc/netns");
      if (Files.isDirectory(etc)) {
        try (var dirs = Files.list(etc)) {
          for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
            try (var tree = Files.walk(d)) {
              tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("cleanup: " + e);
    }
  }
}
