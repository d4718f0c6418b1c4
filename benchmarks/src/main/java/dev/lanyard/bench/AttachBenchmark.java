package dev.lanyard.bench;

import dev.lanyard.netlink.LibC;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.rt.Address;
import dev.lanyard.netlink.rt.Bridge;
import dev.lanyard.netlink.rt.IfAddr;
import dev.lanyard.netlink.rt.Ipv6AddrGenMode;
import dev.lanyard.netlink.rt.Link;
import dev.lanyard.netlink.rt.LinkAttrs;
import dev.lanyard.netlink.rt.MacAddress;
import dev.lanyard.netlink.rt.Route;
import dev.lanyard.netlink.rt.RtNetlink;
import dev.lanyard.netlink.rt.RtRequest;
import dev.lanyard.netlink.rt.Sysctl;
import dev.lanyard.netlink.rt.Veth;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Attach one container" kernel work, timed three ways side by side: by the toolkit in this warm JVM,
 * by the same steps through {@code ip -batch} (2 processes: host side, container side), and by
 * separate {@code ip} commands (7 processes; 6 with {@code --plain}). The steps: a veth pair whose peer {@code eth0} is created
 * inside a fresh (pre-created, untimed) namespace, the host end enslaved to a bridge and up, an address
 * on {@code eth0}, {@code eth0} and {@code lo} up, a default route via the bridge's address.
 *
 * <p>The attach is the one Lanyard makes for an IPv4-only network, which avoids the kernel work that
 * grows with the number of ports: the bridge is created with its own MAC address and its MTU is then
 * set, so adding a port no longer recomputes either from all ports; both veth ends get IPv6
 * {@code addrgenmode none} (no link-local address, hence no DAD, no MLD reports flooded to every port,
 * no per-port link-local routes); the host end is created down, read back once in the same datagram
 * (the kernel then applies the new port's pending no-carrier state, so bringing it up does not enable
 * the bridge port and recompute every port's state before it has a carrier), then brought up.
 * {@code --plain} times the attach without these (host end created up; kernel defaults), and
 * {@code --no-mcast-snooping} creates the bridge with multicast snooping off (see ARCHITECTURE.md).
 *
 * <p>Measured with 1, 100 and 1,000 containers already attached to the bridge (30 timed runs per
 * method and point after warm-up; the methods take turns within each run). Each attach is checked
 * afterwards (untimed): host end enslaved, default route present in the container. The fresh
 * namespaces of a series are created before it; after growing the background, the harness waits
 * until IPv6 duplicate address detection in the host namespace is over. {@code --no-host-ipv6} turns
 * IPv6 off for new links of the scratch host namespace, to show how much of the cost that is.
 *
 * <p>Everything happens inside a scratch host namespace this program creates ({@code lyb<pid>-host});
 * the timing thread lives in it, so the {@code ip} processes it starts live there too (a child inherits
 * its thread's namespace). Every namespace it makes is named {@code lyb<pid>-…} and deleted at the end,
 * also on failure or Ctrl-C; namespaces left by dead earlier runs are swept at start. Needs root.
 *
 * <pre>
 * mvn -B -ntp -q -pl benchmarks -am package -DskipTests
 * java -cp 'benchmarks/target/lanyard-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     dev.lanyard.bench.AttachBenchmark [--points 1,100,1000] [--runs 30] [--warmup 1000] [--plain]
 *     [--no-mcast-snooping] [--no-host-ipv6]
 * </pre>
 */
public final class AttachBenchmark {
  private static final Path RUN_NETNS = Path.of("/run/netns");
  private static final Pattern OURS = Pattern.compile("lyb(\\d+)-.*");
  private static final String BRIDGE = "br0";
  private static final String GATEWAY = "10.66.0.1";
  private static final String PROBE_IP = "10.66.250.200";
  private static final String PROBE_HOST_END = "vprobe";
  private static final int HOST_INDEX_BASE = 1_000_000;
  private static final int FRESH_PEER_INDEX = 2;
  private static final MacAddress BRIDGE_MAC = MacAddress.parse("02:42:0a:42:00:01");
  private static final int BRIDGE_MTU = 1500;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  enum Method {
    TOOLKIT("toolkit, 1 warm JVM"),
    IP_BATCH("ip -batch, 2 processes"),
    IP_COMMANDS("ip commands, 1 per step");

    final String label;

    Method(String label) {
      this.label = label;
    }
  }

  private final String prefix = "lyb" + ProcessHandle.current().pid() + "-";
  private final int[] points;
  private final int runs;
  private final int warmup;
  private final boolean hostIpv6;
  private final boolean plain;
  private final boolean mcastSnooping;
  private final InetAddress gateway;
  private RtNetlink host;
  private RtRequest hostRequest;
  private int bridgeIndex;
  private int probeCount;
  private int hostIndexCount;
  /**
   * Of the last toolkit attach: host datagram, further wait for the container socket, container
   * datagram (wall clock), then the CPU time of this thread in the two datagrams (kernel work done in
   * the request, including spinning for the RTNL lock).
   */
  private final long[] lastPhases = new long[6];

  private AttachBenchmark(int[] points, int runs, int warmup, boolean hostIpv6, boolean plain, boolean mcastSnooping)
      throws IOException {
    this.points = points;
    this.hostIpv6 = hostIpv6;
    this.plain = plain;
    this.mcastSnooping = mcastSnooping;
    this.runs = runs;
    this.warmup = warmup;
    this.gateway = InetAddress.getByName(GATEWAY);
  }

  public static void main(String[] args) throws Exception {
    int[] points = {1, 100, 1000};
    int runs = 30;
    int warmup = 1000;
    boolean hostIpv6 = true;
    boolean plain = false;
    boolean mcastSnooping = true;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--no-host-ipv6")) {
        hostIpv6 = false;
        continue;
      }
      if (args[i].equals("--plain")) {
        plain = true;
        continue;
      }
      if (args[i].equals("--no-mcast-snooping")) {
        mcastSnooping = false;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      switch (args[i++]) {
        case "--points" -> points = Arrays.stream(args[i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--runs" -> runs = Integer.parseInt(args[i]);
        case "--warmup" -> warmup = Integer.parseInt(args[i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    new AttachBenchmark(points, runs, warmup, hostIpv6, plain, mcastSnooping).run();
  }

  private void run() throws Exception {
    sweepDeadRuns();
    Thread cleanup = new Thread(this::deleteOurNamespaces, "attach-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (NetNs hostNs = NetNs.create(prefix + "host")) {
      Thread bench = hostNs.newThread("attach-bench", () -> {
        try {
          measure(hostNs);
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      bench.start();
      bench.join();
    } finally {
      deleteOurNamespaces();
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
    if (failure.get() instanceof Exception e) {
      throw e;
    } else if (failure.get() != null) {
      throw new IllegalStateException(failure.get());
    }
  }

  /** Runs on a thread inside the scratch host namespace. */
  private void measure(NetNs hostNs) throws Exception {
    requireInside(hostNs);
    host = RtNetlink.open();
    hostRequest = host.request();
    host.setUp(1);
    if (!hostIpv6) {
      // links made from now on in the host namespace get no IPv6 (all three methods alike)
      Sysctl.write(hostNs, "net.ipv6.conf.default.disable_ipv6", "1");
    }
    LinkAttrs bridgeAttrs = LinkAttrs.named(BRIDGE).withUp(true);
    Bridge bridge = new Bridge(plain ? bridgeAttrs : bridgeAttrs.withMac(BRIDGE_MAC));
    bridgeIndex = host.add(mcastSnooping ? bridge : bridge.withMulticastSnooping(false)).index();
    if (!plain) {
      // An MTU set by the user stops the bridge from recomputing it from all ports at every new port.
      // The kernel records "set by the user" only when a set changes the value, and a new bridge
      // already has 1500, hence two sets.
      host.request().setMtu(bridgeIndex, BRIDGE_MTU - 1).setMtu(bridgeIndex, BRIDGE_MTU).execute();
    }
    host.addAddress(Address.of(bridgeIndex, gateway, 16));

    Map<Method, Map<Integer, long[]>> results = new EnumMap<>(Method.class);
    for (Method m : Method.values()) {
      results.put(m, new TreeMap<>());
    }
    Map<Integer, long[][]> toolkitPhases = new TreeMap<>();
    int attached = 0;
    boolean warm = false;
    for (int point : points) {
      for (; attached < point; attached++) {
        attachBackground(attached + 1);
      }
      settle();
      if (!warm) {
        // One namespace serves every warm-up attach (each detach empties it again): thousands of fresh ones
        // would leave the kernel tearing namespaces down under the RTNL lock during the timed series.
        List<NetNs> warmups = probes(3);
        for (int i = 0; i < warmup; i++) {
          once(Method.TOOLKIT, warmups.get(0));
        }
        once(Method.IP_BATCH, warmups.get(1));
        once(Method.IP_COMMANDS, warmups.get(2));
        deleteProbes(warmups);
        warm = true;
      }
      Method[] methods = Method.values();
      List<NetNs> fresh = probes(runs * methods.length);
      settle();
      Map<Method, long[]> samples = new EnumMap<>(Method.class);
      for (Method m : Method.values()) {
        samples.put(m, new long[runs]);
      }
      long[][] phases = new long[lastPhases.length][runs];
      for (int r = 0; r < runs; r++) {
        for (Method m : methods) {
          samples.get(m)[r] = once(m, fresh.get(r * methods.length + m.ordinal()));
          if (m == Method.TOOLKIT) {
            for (int p = 0; p < lastPhases.length; p++) {
              phases[p][r] = lastPhases[p];
            }
          }
        }
      }
      deleteProbes(fresh);
      toolkitPhases.put(point, phases);
      for (Method m : Method.values()) {
        results.get(m).put(point, samples.get(m));
      }
      System.err.printf("attach-bench: %d containers attached, point done%n", attached);
    }
    host.close();
    print(results, toolkitPhases);
  }

  /**
   * Creates the fresh namespaces the next {@code count} attaches go into (untimed). They are made
   * before a series, not between its attaches, because the kernel tears a namespace down
   * asynchronously under the RTNL lock and that work would land in the timed attaches.
   */
  private List<NetNs> probes(int count) {
    List<NetNs> made = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      made.add(NetNs.create(prefix + "p" + (++probeCount)));
    }
    return made;
  }

  private static void deleteProbes(List<NetNs> probes) {
    for (NetNs ns : probes) {
      ns.close();
      NetNs.delete(ns.path().getFileName().toString());
    }
  }

  /** One attach into {@code ns} by {@code method}; returns nanoseconds. The check and the detach are untimed. */
  private long once(Method method, NetNs ns) throws Exception {
    String probe = ns.path().getFileName().toString();
    long elapsed = switch (method) {
      case TOOLKIT -> attachWithToolkit(ns, PROBE_HOST_END, InetAddress.getByName(PROBE_IP));
      case IP_BATCH -> attachWithIpBatch(probe);
      case IP_COMMANDS -> attachWithIpCommands(probe);
    };
    check(ns, method);
    host.delete(host.link(PROBE_HOST_END).index());
    return elapsed;
  }

  /**
   * The toolkit's attach: one datagram per namespace side. Both ifindexes are chosen here, so no
   * read-back is needed: the host end's from a range no one else uses in this scratch host namespace,
   * the peer's as {@link #FRESH_PEER_INDEX} (a fresh namespace has only {@code lo}, index 1). The kernel
   * takes the peer's index from {@code VETH_INFO_PEER} only when the host end's is chosen too. (A
   * read-back by name would also make the kernel run the new port's pending link-watch work — bridge
   * port state, O(ports) — inside our request.)
   */
  private long attachWithToolkit(NetNs ns, String hostEnd, InetAddress address) {
    long start = System.nanoTime();
    long hostCpu = THREADS.getCurrentThreadCpuTime();
    // the container's socket is opened (a thread start inside ns) while the host side creates the veth
    CompletableFuture<RtNetlink> opening = RtNetlink.openInAsync(ns);
    int eth0 = FRESH_PEER_INDEX;
    int hostIndex = HOST_INDEX_BASE + (++hostIndexCount);
    LinkAttrs hostAttrs = LinkAttrs.named(hostEnd).withIndex(hostIndex).withMaster(bridgeIndex);
    try {
      if (plain) {
        hostRequest.addVeth(new Veth(hostAttrs.withUp(true), LinkAttrs.named("eth0").withIndex(eth0)), ns);
      } else {
        hostRequest
            .addVeth(new Veth(hostAttrs, LinkAttrs.named("eth0").withIndex(eth0)), ns)
            // the read-back makes the kernel apply the new port's pending no-carrier state now
            .getLink(hostEnd)
            .setIpv6AddrGenMode(hostIndex, Ipv6AddrGenMode.NONE);
      }
      hostRequest.execute();
    } catch (RuntimeException e) {
      opening.thenAccept(RtNetlink::close);
      throw e;
    }
    long hostDone = System.nanoTime();
    hostCpu = THREADS.getCurrentThreadCpuTime() - hostCpu;
    try (RtNetlink inside = opening.join()) {
      long opened = System.nanoTime();
      long containerCpu = THREADS.getCurrentThreadCpuTime();
      RtRequest container = inside.request().addAddress(Address.of(eth0, address, 16));
      if (!plain) {
        // an IPv4-only endpoint: no IPv6 link-local address, so no DAD and no MLD reports
        container.setIpv6AddrGenMode(eth0, Ipv6AddrGenMode.NONE);
      }
      container.setUp(eth0).setUp(1).addRoute(Route.defaultVia(gateway)).execute();
      long containerDone = System.nanoTime();
      containerCpu = THREADS.getCurrentThreadCpuTime() - containerCpu;
      if (!plain) {
        // Last, because the carrier comes with it: the kernel's link watch then recomputes every bridge
        // port's state under the RTNL lock, and the container's messages no longer wait behind it.
        host.setUp(hostIndex);
      }
      long end = System.nanoTime();
      lastPhases[0] = hostDone - start;
      lastPhases[1] = opened - hostDone;
      lastPhases[2] = containerDone - opened;
      lastPhases[3] = end - containerDone;
      lastPhases[4] = hostCpu;
      lastPhases[5] = containerCpu;
    }
    return System.nanoTime() - start;
  }

  private long attachWithIpBatch(String probe) throws Exception {
    long start = System.nanoTime();
    // ip looks the host end up by name (RTM_GETLINK) before setting it, as the toolkit's read-back
    ip(String.format("link add %s type veth peer name eth0 netns %s%nlink set %s master %s%s up%n",
        PROBE_HOST_END, probe, PROBE_HOST_END, BRIDGE, plain ? "" : " addrgenmode none"), "ip", "-batch", "-");
    ip(String.format("addr add %s/16 dev eth0%n%slink set eth0 up%nlink set lo up%nroute add default via %s%n",
        PROBE_IP, plain ? "" : String.format("link set eth0 addrgenmode none%n"), GATEWAY), "ip", "-n", probe,
        "-batch", "-");
    return System.nanoTime() - start;
  }

  private long attachWithIpCommands(String probe) throws Exception {
    long start = System.nanoTime();
    ip(null, "ip", "link", "add", PROBE_HOST_END, "type", "veth", "peer", "name", "eth0", "netns", probe);
    // the kernel applies addrgenmode after the up in one message: fine for the host end, which has no
    // carrier yet; eth0 gets it in a message of its own before it goes up
    if (plain) {
      ip(null, "ip", "link", "set", PROBE_HOST_END, "master", BRIDGE, "up");
    } else {
      ip(null, "ip", "link", "set", PROBE_HOST_END, "master", BRIDGE, "addrgenmode", "none", "up");
    }
    ip(null, "ip", "-n", probe, "addr", "add", PROBE_IP + "/16", "dev", "eth0");
    if (!plain) {
      ip(null, "ip", "-n", probe, "link", "set", "eth0", "addrgenmode", "none");
    }
    ip(null, "ip", "-n", probe, "link", "set", "eth0", "up");
    ip(null, "ip", "-n", probe, "link", "set", "lo", "up");
    ip(null, "ip", "-n", probe, "route", "add", "default", "via", GATEWAY);
    return System.nanoTime() - start;
  }

  /** The attach did what it should: host end up on the bridge, container with address, lo up and default route. */
  private void check(NetNs ns, Method method) {
    Link hostEnd = host.link(PROBE_HOST_END);
    if (hostEnd.attrs().masterIndex() != bridgeIndex || !hostEnd.attrs().isUp()) {
      throw new IllegalStateException(method + ": host end not up on the bridge: " + hostEnd);
    }
    // The read-back ran the port's carrier work if it was still queued; if the kernel's link-watch worker
    // had taken it, this no-op takes the RTNL lock and so returns only when that work is over. Either way
    // one attach's after-work does not run into the next attach (of any method).
    host.setUp(hostEnd.index());
    try (RtNetlink inside = RtNetlink.openIn(ns)) {
      boolean route = inside.routes(LibC.AF_INET).stream()
          .anyMatch(r -> r.isDefault() && gateway.equals(r.gateway()));
      boolean up = inside.link("eth0").attrs().isUp() && inside.link("lo").attrs().isUp();
      boolean address = inside.addresses(LibC.AF_INET).stream()
          .anyMatch(a -> a.address().getHostAddress().equals(PROBE_IP));
      if (!route || !up || !address) {
        throw new IllegalStateException(method + ": container side incomplete (route " + route + ", up " + up
            + ", address " + address + ")");
      }
    }
  }

  /**
   * Waits until IPv6 duplicate address detection of the links just brought up is over: its work
   * takes the RTNL lock once per address and would otherwise be timed as part of the next attaches.
   */
  private void settle() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (host.addresses(LibC.AF_INET6).stream().anyMatch(a -> (a.flags() & IfAddr.IFA_F_TENTATIVE) != 0)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("IPv6 addresses still tentative after 30 s");
      }
      Thread.sleep(100);
    }
  }

  /** A background container: its own namespace, attached by the toolkit. */
  private void attachBackground(int n) throws IOException {
    try (NetNs ns = NetNs.create(prefix + "c" + n)) {
      attachWithToolkit(ns, "vb" + n, InetAddress.getByName("10.66." + (1 + n / 250) + "." + (1 + n % 250)));
    }
  }

  private static void ip(String stdin, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    Process p = pb.start();
    if (stdin != null) {
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.US_ASCII));
      }
    }
    byte[] output = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }

  /** This thread, and the processes it starts, must be in the scratch host namespace, not the machine's. */
  private static void requireInside(NetNs hostNs) throws IOException, InterruptedException {
    if (NetNs.currentInode() != hostNs.inode() || hostNs.isProcessNamespace()) {
      throw new IllegalStateException("benchmark thread is not inside its scratch namespace");
    }
    Process p = new ProcessBuilder("readlink", "/proc/self/ns/net").start();
    String link = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    p.waitFor();
    if (!link.equals("net:[" + hostNs.inode() + "]")) {
      throw new IllegalStateException("child processes would not run in the scratch namespace: " + link);
    }
  }

  private void print(Map<Method, Map<Integer, long[]>> results, Map<Integer, long[][]> toolkitPhases) {
    System.out.printf(Locale.ROOT, "%nAttach one container (veth into fresh netns, bridge, address, up, default route)%n");
    System.out.printf(Locale.ROOT, "%d timed runs per point and method; kernel %s; IPv6 on host-side links: %s; "
        + "attach: %s; bridge multicast snooping: %s; times in ms%n%n", runs, System.getProperty("os.version"),
        hostIpv6 ? "yes (default)" : "no", plain ? "plain (kernel defaults)" : "tuned (Lanyard's)",
        mcastSnooping ? "on (default)" : "off");
    System.out.printf(Locale.ROOT, "%-10s %-28s %8s %8s %14s %14s%n", "attached", "method", "p50", "p90",
        "p50/ip-batch", "p50/ip-cmds");
    for (int point : points) {
      double batch = percentile(results.get(Method.IP_BATCH).get(point), 50);
      double cmds = percentile(results.get(Method.IP_COMMANDS).get(point), 50);
      for (Method m : Method.values()) {
        long[] s = results.get(m).get(point);
        double p50 = percentile(s, 50);
        System.out.printf(Locale.ROOT, "%-10d %-28s %8.3f %8.3f %14.3f %14.3f%n", point, m.label, p50 / 1e6,
            percentile(s, 90) / 1e6, p50 / batch, p50 / cmds);
      }
    }
    double first = percentile(results.get(Method.TOOLKIT).get(points[0]), 50);
    double last = percentile(results.get(Method.TOOLKIT).get(points[points.length - 1]), 50);
    System.out.printf(Locale.ROOT, "%ntoolkit p50 at %d vs %d attached: %.2fx%n", points[points.length - 1], points[0],
        last / first);
    System.out.printf(Locale.ROOT, "%ntoolkit phases, p50 ms: host datagram (veth, master, read-back, addrgenmode), "
        + "further wait for the container socket, container datagram (addr, addrgenmode, 2x up, route), host end up; "
        + "then this thread's CPU time in the host and container datagrams%n");
    toolkitPhases.forEach((point, phases) -> System.out.printf(Locale.ROOT,
        "%-10d %8.3f %8.3f %8.3f %8.3f   cpu %8.3f %8.3f%n", point, percentile(phases[0], 50) / 1e6,
        percentile(phases[1], 50) / 1e6, percentile(phases[2], 50) / 1e6, percentile(phases[3], 50) / 1e6,
        percentile(phases[4], 50) / 1e6, percentile(phases[5], 50) / 1e6));
  }

  /** Nearest-rank percentile of nanosecond samples. */
  private static double percentile(long[] samples, int percent) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private void deleteOurNamespaces() {
    for (String name : namespaces(prefix)) {
      deleteQuietly(name);
    }
  }

  private static void sweepDeadRuns() {
    for (String name : namespaces("lyb")) {
      Matcher m = OURS.matcher(name);
      if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
        deleteQuietly(name);
      }
    }
  }

  private static void deleteQuietly(String name) {
    try {
      NetNs.delete(name);
    } catch (RuntimeException e) {
      System.err.println("attach-bench: could not delete namespace " + name + ": " + e.getMessage());
    }
  }

  private static List<String> namespaces(String namePrefix) {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(RUN_NETNS)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(RUN_NETNS, namePrefix + "*")) {
      entries.forEach(p -> names.add(p.getFileName().toString()));
    } catch (IOException e) {
      System.err.println("attach-bench: cannot list " + RUN_NETNS + ": " + e.getMessage());
    }
    return names;
  }
}
