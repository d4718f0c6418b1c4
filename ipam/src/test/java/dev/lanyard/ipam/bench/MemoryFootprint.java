package dev.lanyard.ipam.bench;

import java.util.function.Consumer;
import dev.lanyard.ConflictException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.IpamDriver;
import java.math.BigInteger;
import java.util.Map;
import java.util.Random;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained size of the driver's state, measured with JOL (the object graph reachable from the driver,
 * minus the same driver before the pool was made). Run with {@code java -cp … dev.lanyard.ipam.bench.MemoryFootprint}.
 */
public final class MemoryFootprint {
  private MemoryFootprint() {}

  public static void main(String[] args) {
    // JOL cannot read record field offsets through Unsafe on Java 17 without this
    System.setProperty("jol.magicFieldOffset", "true");
    report("/16 fully allocated (gateway + 65,533 dynamic)", "10.50.0.0/16", ipam -> pool -> {
      ipam.requestAddress(pool, null, Map.of(IpamDriver.REQUEST_ADDRESS_TYPE, IpamDriver.GATEWAY));
      for (int i = 0; i < 65_533; i++) {
        ipam.requestAddress(pool, null, Map.of());
      }
    });
    report("/64 with 10,000 dynamic addresses", "fd00:64::/64", ipam -> pool -> {
      for (int i = 0; i < 10_000; i++) {
        ipam.requestAddress(pool, null, Map.of());
      }
    });
    report("/64 with 10,000 scattered static addresses (worst case: 10,000 runs)", "fd00:64::/64", ipam -> pool -> {
      Random random = new Random(1);
      BigInteger base = IpPrefix.toNumber(IpPrefix.parseAddress("fd00:64::"));
      int added = 0;
      while (added < 10_000) {
        BigInteger offset = new BigInteger(63, random).shiftLeft(1).add(BigInteger.ONE);
        try {
          ipam.requestAddress(pool, IpPrefix.fromNumber(base.add(offset), false), Map.of());
          added++;
        } catch (ConflictException taken) {
          // drawn twice: draw again
        }
      }
    });
    report("/8 with 99 % allocated", "10.0.0.0/8", ipam -> pool -> {
      for (int i = 0; i < (int) (((1 << 24) - 2) * 0.99); i++) {
        ipam.requestAddress(pool, null, Map.of());
      }
    });
  }

  interface Fill {
    Consumer<String> in(IpamDriver ipam);
  }

  private static void report(String what, String subnet, Fill fill) {
    IpamDriver ipam = IpamBenchmark.newDriver();
    long empty = GraphLayout.parseInstance(ipam).totalSize();
    String pool = IpamBenchmark.newPool(ipam, subnet, Map.of()).id();
    fill.in(ipam).accept(pool);
    long full = GraphLayout.parseInstance(ipam).totalSize();
    System.out.printf("%-72s %,12d bytes (%,.1f KiB)%n", what, full - empty, (full - empty) / 1024.0);
  }
}
