package dev.lanyard.bench;

import dev.lanyard.Container;
import dev.lanyard.Event;
import dev.lanyard.Network;
import dev.lanyard.Networks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Controller + store figures with the {@code noop} driver (no kernel work), on a scratch state directory:
 * connect/disconnect latency, the same with 1, 100 and 1,000 other endpoints on the network, open over 1,000 networks and 10,000 endpoints, list of 1,000 networks, and
 * the delay of an event from one controller to another on the same state directory (the cross-process
 * path: a separate SQLite connection noticing {@code data_version}). Wall-clock percentiles, and for connect
 * and open also the CPU time of the calling thread, which a busy shared machine inflates less.
 *
 * <p>Run: {@code java -cp <core-api test class path> dev.lanyard.bench.ControllerBenchmark [connect] [scale] [open] [events]}
 */
public final class ControllerBenchmark {
  private static final Path SELF = Path.of("/proc/self/ns/net");
  /** Thread CPU time beside wall time: the machine is shared, so wall time includes waiting for a core. */
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private ControllerBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("lanyard-bench");
    try {
      List<String> parts = args.length == 0 ? List.of("connect", "scale", "open", "events") : List.of(args);
      if (parts.contains("connect")) {
        connect(dir.resolve("connect"));
      }
      if (parts.contains("scale")) {
        scale(dir.resolve("scale"));
      }
      if (parts.contains("open")) {
        openAndList(dir.resolve("open"));
      }
      if (parts.contains("events")) {
        eventDelay(dir.resolve("events"));
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Networks open(Path dir) {
    return Networks.builder().stateDirectory(dir).hostNamespace(SELF).open();
  }

  private static void connect(Path dir) {
    try (Networks networks = open(dir)) {
      Network n = networks.newNetwork("bench").driver("noop").subnet("10.200.0.0/16").create();
      int warm = 2_000;
      int measured = 5_000;
      List<Container> cs = new ArrayList<>();
      for (int i = 0; i < warm + measured; i++) {
        cs.add(networks.adopt("c" + i, SELF));
      }
      long[] connect = new long[measured];
      long[] connectCpu = new long[measured];
      long[] disconnect = new long[measured];
      for (int i = 0; i < warm; i++) {
        n.connect(cs.get(i));
        n.disconnect(cs.get(i));
      }
      for (int i = 0; i < measured; i++) {
        Container c = cs.get(warm + i);
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        n.connect(c);
        long t1 = System.nanoTime();
        connect[i] = t1 - t0;
        connectCpu[i] = CPU.getCurrentThreadCpuTime() - c0;
      }
      for (int i = 0; i < measured; i++) {
        Container c = cs.get(warm + i);
        long t0 = System.nanoTime();
        n.disconnect(c);
        disconnect[i] = System.nanoTime() - t0;
      }
      report("connect (noop driver, " + measured + " calls)", connect, 1_000);
      report("  the same, CPU time of the calling thread", connectCpu, 1_000);
      report("disconnect (noop driver, " + measured + " calls)", disconnect, 1_000);
    }
  }

  /**
   * Connect and disconnect of one probe container to a network that already has 1, 100 or 1,000 other
   * endpoints: the controller's per-connect work must not grow with them.
   */
  private static void scale(Path dir) {
    try (Networks networks = open(dir)) {
      Network n = networks.newNetwork("scale").driver("noop").subnet("10.201.0.0/16").create();
      Container probe = networks.adopt("probe", SELF);
      int attached = 0;
      for (int point : new int[] {1, 100, 1_000}) {
        for (; attached < point; attached++) {
          n.connect(networks.adopt("s" + attached, SELF));
        }
        int runs = 1_000;
        long[] connect = new long[runs];
        long[] disconnect = new long[runs];
        for (int i = 0; i < runs + 200; i++) {
          long t0 = System.nanoTime();
          n.connect(probe);
          long t1 = System.nanoTime();
          n.disconnect(probe);
          long t2 = System.nanoTime();
          if (i >= 200) { // the first 200 warm up
            connect[i - 200] = t1 - t0;
            disconnect[i - 200] = t2 - t1;
          }
        }
        report(String.format("connect with %,d others on the network (noop driver)", point), connect, 1_000);
        report(String.format("disconnect with %,d others on the network (noop driver)", point), disconnect, 1_000);
      }
    }
  }

  private static void openAndList(Path dir) {
    try (Networks networks = open(dir)) {
      for (int i = 0; i < 1_000; i++) {
        Network n = networks.newNetwork("net" + i).driver("noop")
            .subnet("10." + (i / 250) + "." + (i % 250) + ".0/24").create();
        for (int j = 0; j < 10; j++) {
          n.connect(networks.adopt("n" + i + "c" + j, SELF));
        }
      }
    }
    long[] opens = new long[7];
    long[] openCpu = new long[opens.length];
    for (int r = 0; r < opens.length; r++) {
      long c0 = CPU.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Networks networks = open(dir);
      opens[r] = System.nanoTime() - t0;
      openCpu[r] = CPU.getCurrentThreadCpuTime() - c0;
      if (r == opens.length - 1) {
        int endpoints = networks.list().stream().mapToInt(n -> n.endpoints().size()).sum();
        System.out.printf("store: %d networks, %d endpoints, %d containers%n",
            networks.list().size(), endpoints, networks.containers().size());
        long[] lists = new long[500];
        for (int i = 0; i < 100; i++) {
          networks.list();
        }
        for (int i = 0; i < lists.length; i++) {
          long t1 = System.nanoTime();
          networks.list();
          lists[i] = System.nanoTime() - t1;
        }
        report("list of 1,003 networks (500 calls)", lists, 1_000_000);
      }
      networks.close();
    }
    report("open over 1,000 networks + 10,000 endpoints (7 opens)", opens, 1_000_000);
    report("  the same, CPU time of the opening thread", openCpu, 1_000_000);
  }

  private static void eventDelay(Path dir) throws InterruptedException {
    try (Networks writer = open(dir); Networks reader = open(dir)) {
      BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(16);
      reader.subscribe(e -> {
        if (e.action() == Event.Action.CREATE) {
          arrivals.add(System.nanoTime());
        }
      });
      long[] delays = new long[100];
      for (int i = 0; i < delays.length; i++) {
        long t0 = System.nanoTime();
        writer.newNetwork("ev" + i).driver("noop").create();
        Long arrived = arrivals.poll(5, TimeUnit.SECONDS);
        if (arrived == null) {
          throw new IllegalStateException("event " + i + " did not arrive in 5 s");
        }
        delays[i] = arrived - t0;
      }
      report("event delay to another controller on the state directory (100 creates)", delays, 1_000_000);
    }
  }

  private static void report(String what, long[] nanos, int unit) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    String u = unit == 1_000 ? "us" : "ms";
    System.out.printf("%-75s p50 %8.3f %s  p90 %8.3f %s  p99 %8.3f %s%n", what,
        s[s.length / 2] / (double) unit, u, s[(int) (s.length * 0.9)] / (double) unit, u,
        s[Math.min(s.length - 1, (int) (s.length * 0.99))] / (double) unit, u);
  }

}
