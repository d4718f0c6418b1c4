package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.Rulesets.address;

import dev.lanyard.netlink.NetNs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Benchmark, not a test: time to replace a table of 50 Docker-like rules (25 published ports: a DNAT
 * rule and a forward accept rule each) in one batch, through {@link Nft} in a warm JVM and through
 * {@code nft -f} with the same ruleset text, in a scratch namespace. Prints p50/p90 of each.
 *
 * <p>Run as root (it makes and deletes namespace {@code lyt<pid>x0bench}): {@code mvn -q -pl netlink -am
 * test-compile}, then {@code java -cp netlink/target/classes:netlink/target/test-classes:JNA_JAR
 * dev.lanyard.netlink.nft.NftBatchBenchmark} with JNA_JAR the jna jar from ~/.m2.
 */
public final class NftBatchBenchmark {
  private static final int PORTS = 25;
  private static final int RUNS = 40;

  private NftBatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    String name = "lyt" + ProcessHandle.current().pid() + "x0bench";
    Path file = Files.createTempFile("lanyard-bench", ".nft");
    try (NetNs ns = NetNs.create(name); Nft nft = Nft.openIn(ns)) {
      Files.writeString(file, nftText());
      long[] ours = new long[RUNS];
      long[] theirs = new long[RUNS];
      for (int warm = 0; warm < 20; warm++) {
        nft.apply(batch());
      }
      for (int i = 0; i < RUNS; i++) {
        long t0 = System.nanoTime();
        nft.apply(batch());
        ours[i] = System.nanoTime() - t0;
        t0 = System.nanoTime();
        run("nsenter", "--net=" + NetNs.namedPath(name), "nft", "-f", file.toString());
        theirs[i] = System.nanoTime() - t0;
      }
      int rules = nft.rules(Family.IP, "bench", "docker").size() + nft.rules(Family.IP, "bench", "forward").size();
      System.out.printf("rules per batch: %d (listed back: %d)%n", 2 * PORTS, rules);
      System.out.printf("Nft.apply     p50 %.2f ms  p90 %.2f ms%n", p(ours, 50), p(ours, 90));
      System.out.printf("nft -f        p50 %.2f ms  p90 %.2f ms  (nsenter + nft process start included)%n", p(theirs, 50), p(theirs, 90));
    } finally {
      NetNs.delete(name);
      Files.deleteIfExists(file);
    }
  }

  /** The same ruleset as {@link #nftText()}: flush by delete-and-recreate, then chains and rules. */
  static Batch batch() {
    Family ip = Family.IP;
    Batch b = Batch.create().addTable(Table.of(ip, "bench")).deleteTable(Table.of(ip, "bench"))
        .addTable(Table.of(ip, "bench"))
        .addChain(Chain.base(ip, "bench", "prerouting", ChainType.NAT, Hook.PREROUTING, -100, BaseChain.Policy.ACCEPT))
        .addChain(Chain.base(ip, "bench", "forward", ChainType.FILTER, Hook.FORWARD, 0, BaseChain.Policy.ACCEPT))
        .addChain(Chain.regular(ip, "bench", "docker"))
        .addRule(Rule.in(ip, "bench", "prerouting").add(Action.jump("docker")).build());
    for (int i = 0; i < PORTS; i++) {
      b.addRule(Rule.in(ip, "bench", "docker").add(Match.iifnameNot("docker0")).add(Match.tcpDport(8000 + i))
          .add(Action.dnat(address("172.17.0." + (i + 2)), 80)).build());
      b.addRule(Rule.in(ip, "bench", "forward").add(Match.ipDaddr(address("172.17.0." + (i + 2)), 32))
          .add(Match.oifname("docker0")).add(Match.tcpDport(80)).add(Action.accept()).build());
    }
    return b;
  }

  static String nftText() {
    StringBuilder s = new StringBuilder("""
        add table ip bench
        delete table ip bench
        add table ip bench
        add chain ip bench prerouting { type nat hook prerouting priority -100; policy accept; }
        add chain ip bench forward { type filter hook forward priority 0; policy accept; }
        add chain ip bench docker
        add rule ip bench prerouting jump docker
        """);
    for (int i = 0; i < PORTS; i++) {
      s.append("add rule ip bench docker iifname != \"docker0\" tcp dport ").append(8000 + i)
          .append(" dnat to 172.17.0.").append(i + 2).append(":80\n");
      s.append("add rule ip bench forward ip daddr 172.17.0.").append(i + 2)
          .append(" oifname \"docker0\" tcp dport 80 accept\n");
    }
    return s.toString();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + new String(out));
    }
  }

  private static double p(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
  }
}
