package dev.lanyard.resolver;

import dev.lanyard.netlink.NetNs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Side-by-side DNS benchmark (a harness, not a test): Lanyard's resolver, unbound and aardvark-dns each
 * serve the same 100 names (c11..c110 → 10.89.0.11..110) from the same scratch namespace, on loopback
 * addresses of it (Lanyard 127.0.0.11, unbound 127.0.0.21, aardvark 127.0.0.31). The clients run in
 * that namespace: dnsperf with 100 queries outstanding for LOAD_S seconds (max qps), then the peers'
 * dnslat.py, one query in flight (round-trip percentiles). Lanyard runs twice: batched recvmmsg/sendmmsg
 * (64) and one datagram per syscall (batch 1), to show what batching gains. Then the heap per served
 * container: retained heap after GC with 200 more containers served, each in its own namespace.
 *
 * <p>Usage (root): {@code bash resolver/bench.sh [rounds] [load seconds]}. Every namespace it makes is
 * named {@code lyt-resolver-PID…} and deleted at the end; nothing touches the machine's own namespace.
 */
public final class ResolverBenchmark {
  private static final Path PEERS = Path.of("/work/shared/peers");
  private static final String AARDVARK = "/usr/lib/podman/aardvark-dns";
  private static final String NS = "lyt-resolver-" + ProcessHandle.current().pid();
  private static final int HEAP_CONTAINERS = 200;

  private ResolverBenchmark() {}

  record Result(String server, double qps, double avgMs, String lost, double p50, double p90, double p99) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int loadSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path dir = Files.createTempDirectory("lyt-resolver-bench");
    List<String> made = new ArrayList<>();
    try {
      run("ip", "netns", "add", NS);
      made.add(NS);
      run("ip", "-n", NS, "link", "set", "lo", "up");
      writeConfigs(dir);
      List<DnsContainer> named = new ArrayList<>();
      for (int i = 11; i <= 110; i++) {
        named.add(served("c" + i, "10.89.0." + i, made));
      }
      System.out.println("host: " + run("uname", "-r").strip() + ", " + Runtime.getRuntime().availableProcessors()
          + " cpus; peers: " + run(AARDVARK, "--version").lines().filter(l -> l.startsWith("aardvark")).findFirst().orElse("aardvark-dns") + ", " + run("unbound", "-V").lines().filter(l -> l.startsWith("Version")).findFirst().orElse("unbound"));
      for (int round = 1; round <= rounds; round++) {
        System.out.println("\n## round " + round + " — load before: " + loadAverage());
        System.out.println("| server | dnsperf -q100 qps | avg ms | lost | serial p50 us | p90 us | p99 us |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<Result> results = new ArrayList<>();
        for (int batch : new int[] {UdpLoop.BATCH, 1}) {
          try (Resolver resolver = Resolver.builder().udpBatch(batch).start()) {
            resolver.update(model(named, List.of()));
            results.add(print(measure("lanyard batch " + batch, "127.0.0.11", dir, loadSeconds)));
          }
        }
        Process unbound = start(dir, "ip", "netns", "exec", NS, "unbound", "-d", "-c", dir.resolve("unbound.conf").toString());
        try {
          awaitAnswer("127.0.0.21");
          results.add(print(measure("unbound 1 thread", "127.0.0.21", dir, loadSeconds)));
        } finally {
          stop(unbound.pid());
        }
        run("ip", "netns", "exec", NS, AARDVARK, "--config", dir.resolve("aardvark").toString(), "-p", "53", "run");
        long aardvarkPid = Long.parseLong(Files.readString(dir.resolve("aardvark/aardvark.pid")).strip());
        try {
          awaitAnswer("127.0.0.31");
          results.add(print(measure("aardvark-dns", "127.0.0.31", dir, loadSeconds)));
        } finally {
          stop(aardvarkPid);
        }
        Result ours = results.get(0);
        System.out.printf(Locale.ROOT, "ratios: lanyard/aardvark qps %.2f, lanyard/unbound qps %.2f, batch64/batch1 qps %.2f%n",
            ours.qps / results.get(3).qps, ours.qps / results.get(2).qps, ours.qps / results.get(1).qps);
        System.out.println("load after: " + loadAverage());
      }
      heapPerContainer(named, made);
    } finally {
      for (String ns : made) {
        new ProcessBuilder("ip", "netns", "del", ns).inheritIO().start().waitFor();
      }
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The bench container, c11..c110 (each served in its own namespace) and {@code extra}, all on "pknet". */
  private static DnsModel model(List<DnsContainer> named, List<DnsContainer> extra) {
    List<DnsContainer> containers = new ArrayList<>();
    containers.add(new DnsContainer(hex("bench"), "bench", "bench", NetNs.namedPath(NS),
        List.of(DnsEndpoint.ipv4("pknet", hex("pknet"), Models.v4("10.89.0.2")))));
    containers.addAll(named);
    containers.addAll(extra);
    return new DnsModel(containers);
  }

  /** A container on "pknet" at {@code address}, in a new namespace of its own with loopback up. */
  private static DnsContainer served(String name, String address, List<String> made) throws Exception {
    String ns = NS + "-" + name;
    NetNs.create(ns).close();
    made.add(ns);
    run("ip", "-n", ns, "link", "set", "lo", "up");
    return new DnsContainer(hex(name), name, name, NetNs.namedPath(ns),
        List.of(DnsEndpoint.ipv4("pknet", hex("pknet"), Models.v4(address))));
  }

  /** Two seconds of load first, so the JIT has compiled the server's hot path before it is measured. */
  private static Result measure(String server, String address, Path dir, int loadSeconds) throws Exception {
    run("ip", "netns", "exec", NS, "dnsperf", "-s", address, "-d", dir.resolve("queries.txt").toString(),
        "-q", "100", "-l", "2", "-c", "1");
    String perf = run("ip", "netns", "exec", NS, "dnsperf", "-s", address, "-d", dir.resolve("queries.txt").toString(),
        "-q", "100", "-l", Integer.toString(loadSeconds), "-c", "1");
    String lat = run("ip", "netns", "exec", NS, "python3", PEERS.resolve("dnslat.py").toString(), address, "127.0.0.1",
        "20000", "c", "11", "110");
    return new Result(server, number(perf, "Queries per second:\\s+([0-9.]+)"),
        number(perf, "Average Latency \\(s\\):\\s+([0-9.]+)") * 1000, find(perf, "Queries lost:\\s+(\\S+)"),
        number(lat, "p50_us=([0-9.]+)"), number(lat, "p90_us=([0-9.]+)"), number(lat, "p99_us=([0-9.]+)"));
  }

  private static Result print(Result r) {
    System.out.printf(Locale.ROOT, "| %s | %.0f | %.3f | %s | %.1f | %.1f | %.1f |%n", r.server, r.qps, r.avgMs, r.lost,
        r.p50, r.p90, r.p99);
    return r;
  }

  /** Retained heap of the resolver per served container: 200 more containers, each with its own namespace and server. */
  private static void heapPerContainer(List<DnsContainer> named, List<String> made) throws Exception {
    List<DnsContainer> extra = new ArrayList<>();
    for (int i = 0; i < HEAP_CONTAINERS; i++) {
      extra.add(served("h" + i, "10.90." + (i / 250) + "." + (i % 250 + 1), made));
    }
    try (Resolver resolver = Resolver.builder().start()) {
      resolver.update(model(named, List.of()));
      long before = retainedHeap();
      resolver.update(model(named, extra));
      long after = retainedHeap();
      int served = resolver.servedContainers().size();
      if (served != named.size() + HEAP_CONTAINERS + 1) {
        throw new IllegalStateException("expected " + (named.size() + HEAP_CONTAINERS + 1) + " servers, got " + served);
      }
      System.out.printf(Locale.ROOT, "%nheap per served container: %.1f KiB (%d more containers served, retained heap %+d bytes)%n",
          (after - before) / 1024.0 / HEAP_CONTAINERS, HEAP_CONTAINERS, after - before);
    }
  }

  private static long retainedHeap() {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  private static void writeConfigs(Path dir) throws IOException {
    StringBuilder queries = new StringBuilder();
    StringBuilder unbound = new StringBuilder("""
        server:
          interface: 127.0.0.21
          port: 53
          do-daemonize: no
          chroot: ""
          username: ""
          pidfile: ""
          directory: "%s"
          use-syslog: no
          logfile: ""
          verbosity: 0
          num-threads: 1
          do-ip6: no
          module-config: "iterator"
          access-control: 127.0.0.0/8 allow
          local-zone: "." static
        """.formatted(dir));
    StringBuilder aardvark = new StringBuilder("127.0.0.31\n" + hex("req") + " 127.0.0.1  req\n");
    for (int i = 11; i <= 110; i++) {
      queries.append("c").append(i).append(" A\n");
      unbound.append("  local-data: \"c").append(i).append(". A 10.89.0.").append(i).append("\"\n");
      aardvark.append(hex("c" + i)).append(" 10.89.0.").append(i).append("  c").append(i).append('\n');
    }
    unbound.append("remote-control:\n  control-enable: no\n");
    Files.writeString(dir.resolve("queries.txt"), queries);
    Files.writeString(dir.resolve("unbound.conf"), unbound);
    Files.createDirectories(dir.resolve("aardvark"));
    Files.writeString(dir.resolve("aardvark/pknet"), aardvark);
  }

  private static void awaitAnswer(String address) throws Exception {
    for (int i = 0; i < 100; i++) {
      Process p = new ProcessBuilder("ip", "netns", "exec", NS, "dig", "+short", "+time=1", "+tries=1", "@" + address, "c42")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      if (out.contains("10.89.0.42")) {
        return;
      }
      Thread.sleep(100); // polling a child process we do not control; not test synchronisation
    }
    throw new IllegalStateException(address + " never answered c42");
  }

  private static Process start(Path dir, String... command) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
  }

  private static void stop(long pid) throws InterruptedException {
    ProcessHandle.of(pid).ifPresent(h -> {
      h.destroy();
      h.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    });
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private static double number(String text, String regex) {
    return Double.parseDouble(find(text, regex));
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in:\n" + text);
    }
    return m.group(1);
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }

  private static String hex(String seed) {
    return Models.idOf(seed);
  }
}
