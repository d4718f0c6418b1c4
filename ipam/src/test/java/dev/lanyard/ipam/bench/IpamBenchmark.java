package dev.lanyard.ipam.bench;

import java.util.HashSet;
import java.util.Set;
import dev.lanyard.ipam.DefaultIpamProvider;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.HostFacts;
import dev.lanyard.spi.IpamContext;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.Pool;
import dev.lanyard.spi.PoolRequest;
import dev.lanyard.spi.Scope;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The speed figures, through the public SPI on one thread. Run (see ARCHITECTURE.md, ipam/):
 * {@code java -cp … org.openjdk.jmh.Main dev.lanyard.ipam.bench}. Not a test: Surefire never runs it.
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IpamBenchmark {

  static IpamDriver newDriver() {
    return new DefaultIpamProvider().create(new IpamContext(HostFacts.NONE, List.of(), List.of(), "bench-host"));
  }

  static Pool newPool(IpamDriver ipam, String subnet, Map<String, String> options) {
    IpPrefix prefix = IpPrefix.parse(subnet);
    return ipam.requestPool(new PoolRequest(Scope.LOCAL, Optional.of(prefix), Optional.empty(), !prefix.isIpv4(), options));
  }

  /** A /16 with its gateway and 1,000 containers; each operation hands out one address and takes it back. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Slash16 {
    @Param({"false", "true"})
    public boolean serial;

    IpamDriver ipam;
    String poolId;

    @Setup
    public void setUp() {
      ipam = newDriver();
      poolId = newPool(ipam, "10.50.0.0/16", serial ? Map.of(IpamDriver.SERIAL, "true") : Map.of()).id();
      ipam.requestAddress(poolId, null, Map.of(IpamDriver.REQUEST_ADDRESS_TYPE, IpamDriver.GATEWAY));
      for (int i = 0; i < 1000; i++) {
        ipam.requestAddress(poolId, null, Map.of());
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public InetAddress requestReleaseSlash16(Slash16 s) {
    InetAddress a = s.ipam.requestAddress(s.poolId, null, Map.of());
    s.ipam.releaseAddress(s.poolId, a);
    return a;
  }

  /**
   * A /8 with 99 % of its addresses taken: the free 1 % either scattered at random or all at the end
   * (where only the summary levels keep the search short). Each operation finds the lowest free address,
   * takes it and gives it back.
   */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Slash8 {
    @Param({"scattered", "atTheEnd"})
    public String holes;

    IpamDriver ipam;
    String poolId;

    @Setup
    public void setUp() {
      ipam = newDriver();
      poolId = newPool(ipam, "10.0.0.0/8", Map.of()).id();
      int usable = (1 << 24) - 2;
      int taken = (int) (usable * 0.99);
      if (holes.equals("atTheEnd")) {
        for (int i = 0; i < taken; i++) {
          ipam.requestAddress(poolId, null, Map.of());
        }
        return;
      }
      for (int i = 0; i < usable; i++) {
        ipam.requestAddress(poolId, null, Map.of());
      }
      Random random = new Random(42);
      BigInteger base = IpPrefix.toNumber(IpPrefix.parseAddress("10.0.0.1"));
      for (int freed = 0; freed < usable - taken; ) {
        InetAddress a = IpPrefix.fromNumber(base.add(BigInteger.valueOf(random.nextInt(usable))), true);
        ipam.releaseAddress(poolId, a);
        freed++;
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public InetAddress firstFreeIn99PercentFullSlash8(Slash8 s) {
    InetAddress a = s.ipam.requestAddress(s.poolId, null, Map.of());
    s.ipam.releaseAddress(s.poolId, a);
    return a;
  }

  /** What the controller does at open: a fresh driver, the stored pool, then 10,000 known addresses. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Replay {
    @Param({"10.60.0.0/16", "fd00:60::/64"})
    public String subnet;

    InetAddress[] known;

    @Setup
    public void setUp() {
      Random random = new Random(7);
      IpPrefix prefix = IpPrefix.parse(subnet);
      BigInteger base = IpPrefix.toNumber(prefix.firstAddress());
      known = new InetAddress[10_000];
      Set<BigInteger> seen = new HashSet<>();
      for (int i = 0; i < known.length; ) {
        // scattered, the worst case for the run-length set of a /64
        BigInteger offset = BigInteger.valueOf(1 + random.nextInt(65_000));
        if (seen.add(offset)) {
          known[i++] = IpPrefix.fromNumber(base.add(offset), prefix.isIpv4());
        }
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public IpamDriver replay10000Addresses(Replay r) {
    IpamDriver ipam = newDriver();
    String poolId = newPool(ipam, r.subnet, Map.of()).id();
    for (InetAddress a : r.known) {
      ipam.requestAddress(poolId, a, Map.of());
    }
    return ipam;
  }
}
