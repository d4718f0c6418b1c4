package dev.lanyard.ipam;

import net.jqwik.api.From;
import net.jqwik.api.Tuple;
import static dev.lanyard.ipam.Ipams.auto;
import static dev.lanyard.ipam.Ipams.driver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ConflictException;
import dev.lanyard.UnavailableException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.HostFacts;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.Pool;
import dev.lanyard.spi.PoolRequest;
import dev.lanyard.spi.PoolStatus;
import dev.lanyard.spi.Scope;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The driver against a model: a set of taken offsets of one subnet. */
class DriverProperties {

  /** A pool under test: subnet, optional ip-range, aux addresses, and what the driver should hold. */
  record Setup(IpPrefix subnet, Optional<IpPrefix> range, boolean serial) {
    BigInteger base() {
      return IpPrefix.toNumber(subnet.firstAddress());
    }

    InetAddress at(long offset) {
      return IpPrefix.fromNumber(base().add(BigInteger.valueOf(offset)), subnet.isIpv4());
    }

    long offsetOf(InetAddress a) {
      return IpPrefix.toNumber(a).subtract(base()).longValueExact();
    }

    long size() {
      return subnet.size().longValueExact();
    }

    long rangeFirst() {
      return offsetOf(range.orElse(subnet).firstAddress());
    }

    long rangeLast() {
      return offsetOf(range.orElse(subnet).lastAddress());
    }

    Set<Long> reserved() {
      Set<Long> r = new HashSet<>();
      int hostBits = subnet.bits() - subnet.length();
      if (!subnet.isIpv4() || hostBits > 1) {
        r.add(0L);
      }
      if (subnet.isIpv4() && hostBits > 1) {
        r.add(size() - 1);
      }
      return r;
    }

    Pool create(IpamDriver ipam) {
      return ipam.requestPool(new PoolRequest(Scope.LOCAL, Optional.of(subnet), range, !subnet.isIpv4(),
          serial ? Map.of(IpamDriver.SERIAL, "true") : Map.of()));
    }
  }

  @Provide
  Arbitrary<Setup> setups() {
    Arbitrary<IpPrefix> v4 = Arbitraries.integers().between(24, 32)
        .map(len -> IpPrefix.parse("10.20.30.0/24").subnet(BigInteger.ZERO, len));
    Arbitrary<IpPrefix> v6 = Arbitraries.integers().between(120, 128)
        .map(len -> IpPrefix.parse("fd00:1:2:3::/120").subnet(BigInteger.ZERO, len));
    return Combinators.combine(Arbitraries.oneOf(v4, v6), Arbitraries.integers().between(0, 8),
        Arbitraries.longs().between(0, 255), Arbitraries.of(true, false)).as((subnet, extra, pick, serial) -> {
      int hostBits = subnet.bits() - subnet.length();
      Optional<IpPrefix> range = Optional.empty();
      if (extra > 0 && extra <= hostBits) {
        int length = subnet.length() + extra;
        range = Optional.of(subnet.subnet(BigInteger.valueOf(pick % (1L << extra)), length));
      }
      return new Setup(subnet, range, serial);
    });
  }

  record Op(int kind, long value) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.longs().between(0, 1 << 16))
        .as(Op::new).list().ofMaxSize(300);
  }

  @Property
  void addressesAreNeverHandedOutTwiceNorOutsideTheRangeNorReservedNorAux(
      @ForAll("setups") Setup setup, @ForAll("ops") List<Op> ops, @ForAll @Size(max = 3) List<@IntRange(max = 255) Integer> aux) {
    IpamDriver ipam = driver();
    Pool pool = setup.create(ipam);
    Set<Long> reserved = setup.reserved();
    Set<Long> auxOffsets = new HashSet<>();
    TreeSet<Long> held = new TreeSet<>();
    for (int a : aux) {
      long offset = a % setup.size();
      if (!reserved.contains(offset) && auxOffsets.add(offset)) {
        ipam.requestAddress(pool.id(), setup.at(offset), Map.of());
      }
    }
    for (Op op : ops) {
      if (op.kind() <= 1) {
        long free = countFree(setup, reserved, auxOffsets, held);
        if (free == 0) {
          assertThatThrownBy(() -> ipam.requestAddress(pool.id(), null, Map.of()))
              .isInstanceOf(UnavailableException.class);
          continue;
        }
        long got = setup.offsetOf(ipam.requestAddress(pool.id(), null, Map.of()));
        assertThat(got).isBetween(setup.rangeFirst(), setup.rangeLast());
        assertThat(reserved).doesNotContain(got);
        assertThat(auxOffsets).doesNotContain(got);
        assertThat(held.add(got)).as("handed out twice: %s", got).isTrue();
      } else if (op.kind() == 2 && !held.isEmpty()) {
        Long victim = held.ceiling(op.value() % setup.size());
        long offset = victim == null ? held.first() : victim;
        ipam.releaseAddress(pool.id(), setup.at(offset));
        held.remove(offset);
      } else {
        long offset = op.value() % setup.size();
        if (reserved.contains(offset) || auxOffsets.contains(offset) || held.contains(offset)) {
          assertThatThrownBy(() -> ipam.requestAddress(pool.id(), setup.at(offset), Map.of()))
              .isInstanceOf(ConflictException.class).hasMessageContaining(hostText(setup.at(offset)));
        } else {
          ipam.requestAddress(pool.id(), setup.at(offset), Map.of());
          held.add(offset);
        }
      }
      Set<Long> taken = new HashSet<>(held);
      taken.addAll(reserved);
      taken.addAll(auxOffsets);
      long inRange = taken.stream().filter(o -> o >= setup.rangeFirst() && o <= setup.rangeLast()).count();
      assertThat(ipam.status(pool.id())).isEqualTo(new PoolStatus(BigInteger.valueOf(taken.size()),
          BigInteger.valueOf(setup.rangeLast() - setup.rangeFirst() + 1 - inRange)));
    }
  }

  /** The address as the driver prints it: the canonical text of its host prefix, without the length. */
  private static String hostText(InetAddress a) {
    String prefix = IpPrefix.of(a, a.getAddress().length * 8).toString();
    return prefix.substring(0, prefix.indexOf('/'));
  }

  private static long countFree(Setup setup, Set<Long> reserved, Set<Long> aux, Set<Long> held) {
    long free = 0;
    for (long o = setup.rangeFirst(); o <= setup.rangeLast(); o++) {
      if (!reserved.contains(o) && !aux.contains(o) && !held.contains(o)) {
        free++;
      }
    }
    return free;
  }

  @Property
  void releaseThenRequestRoundTrips(@ForAll("setups") Setup setup, @ForAll @IntRange(max = 300) int taken,
      @ForAll @IntRange(max = 255) int staticPick) {
    Setup lowestFree = new Setup(setup.subnet(), setup.range(), false);
    IpamDriver ipam = driver();
    Pool pool = lowestFree.create(ipam);
    for (int i = 0; i < taken; i++) {
      try {
        ipam.requestAddress(pool.id(), null, Map.of());
      } catch (UnavailableException full) {
        break;
      }
    }
    PoolStatus before = ipam.status(pool.id());
    InetAddress any;
    try {
      any = ipam.requestAddress(pool.id(), null, Map.of());
    } catch (UnavailableException full) {
      return;
    }
    ipam.releaseAddress(pool.id(), any);
    assertThat(ipam.status(pool.id())).isEqualTo(before);
    assertThat(ipam.requestAddress(pool.id(), null, Map.of())).isEqualTo(any);
    ipam.releaseAddress(pool.id(), any);
    InetAddress chosen = lowestFree.at(staticPick % lowestFree.size());
    if (lowestFree.reserved().contains(lowestFree.offsetOf(chosen))) {
      return;
    }
    try {
      ipam.requestAddress(pool.id(), chosen, Map.of());
    } catch (ConflictException inUse) {
      return;
    }
    ipam.releaseAddress(pool.id(), chosen);
    assertThat(ipam.status(pool.id())).isEqualTo(before);
    assertThat(ipam.requestAddress(pool.id(), chosen, Map.of())).isEqualTo(chosen);
  }

  @Property
  void serialModeWrapsAndVisitsEveryFreeAddressBeforeReusingOne(@ForAll("setups") Setup setup,
      @ForAll("ops") List<Op> history) {
    Setup serial = new Setup(setup.subnet(), setup.range(), true);
    IpamDriver ipam = driver();
    Pool pool = serial.create(ipam);
    TreeSet<Long> held = new TreeSet<>(serial.reserved());
    long cursor = serial.rangeFirst();
    for (Op op : history) {
      if (op.kind() <= 2) {
        try {
          long got = serial.offsetOf(ipam.requestAddress(pool.id(), null, Map.of()));
          held.add(got);
          cursor = got == serial.rangeLast() ? serial.rangeFirst() : got + 1;
        } catch (UnavailableException full) {
          // the range is full; a release comes later
        }
      } else {
        long offset = op.value() % serial.size();
        if (!serial.reserved().contains(offset)) {
          ipam.releaseAddress(pool.id(), serial.at(offset));
          held.remove(offset);
        }
      }
    }
    List<Long> expected = new ArrayList<>();
    long span = serial.rangeLast() - serial.rangeFirst() + 1;
    for (long i = 0; i < span; i++) {
      long o = serial.rangeFirst() + Math.floorMod(cursor - serial.rangeFirst() + i, span);
      if (!held.contains(o)) {
        expected.add(o);
      }
    }
    List<Long> handedOut = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      handedOut.add(serial.offsetOf(ipam.requestAddress(pool.id(), null, Map.of())));
    }
    assertThat(handedOut).isEqualTo(expected);
    assertThatThrownBy(() -> ipam.requestAddress(pool.id(), null, Map.of())).isInstanceOf(UnavailableException.class);
  }

  @Provide
  Arbitrary<IpPrefix> nearbySubnets() {
    return Combinators.combine(Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(14, 30))
        .as((low, len) -> IpPrefix.parse("10.7.0.0/16").subnet(BigInteger.valueOf(low), 32)
            .address()).flatMap(a -> Arbitraries.integers().between(14, 30).map(len -> IpPrefix.of(a, len).masked()));
  }

  @Property
  void requestedSubnetsConflictExactlyWhenTheirIntervalsIntersectInEitherOrder(
      @ForAll("nearbySubnets") IpPrefix a, @ForAll("nearbySubnets") IpPrefix b) {
    boolean intersect = IpPrefix.toNumber(a.firstAddress()).compareTo(IpPrefix.toNumber(b.lastAddress())) <= 0
        && IpPrefix.toNumber(b.firstAddress()).compareTo(IpPrefix.toNumber(a.lastAddress())) <= 0;
    assertThat(secondIsRefused(a, b)).isEqualTo(secondIsRefused(b, a)).isEqualTo(intersect);
  }

  private static boolean secondIsRefused(IpPrefix first, IpPrefix second) {
    IpamDriver ipam = driver();
    Ipams.pool(ipam, first.toString());
    try {
      Ipams.pool(ipam, second.toString());
      return false;
    } catch (ConflictException overlap) {
      return true;
    }
  }

  @Provide
  Arbitrary<IpPrefix> hostPrefixes() {
    Arbitrary<IpPrefix> in172 = Combinators.combine(Arbitraries.integers().between(0, (1 << 20) - 1),
        Arbitraries.integers().between(12, 32)).as((off, len) ->
        IpPrefix.of(IpPrefix.parse("172.16.0.0/12").subnet(BigInteger.valueOf(off), 32).address(), len).masked());
    Arbitrary<IpPrefix> in192 = Combinators.combine(Arbitraries.integers().between(0, 0xffff),
        Arbitraries.integers().between(16, 32)).as((off, len) ->
        IpPrefix.of(IpPrefix.parse("192.168.0.0/16").subnet(BigInteger.valueOf(off), 32).address(), len).masked());
    return Arbitraries.frequencyOf(
        Tuple.of(4, in172.filter(p -> p.length() >= 15)), Tuple.of(2, in192));
  }

  @Property(tries = 300)
  void chosenPoolsAreTheLowestFreeAndNeverOverlapEachOtherHostRoutesOrNameservers(
      @ForAll @Size(max = 6) List<@From("hostPrefixes") IpPrefix> routes,
      @ForAll @Size(max = 3) List<@From("hostPrefixes") IpPrefix> nameserverHosts,
      @ForAll @IntRange(max = 40) int requests) {
    List<InetAddress> nameservers = nameserverHosts.stream().map(IpPrefix::address).toList();
    IpamDriver ipam = driver(new HostFacts() {
      @Override
      public List<IpPrefix> onLinkRoutes() {
        return routes;
      }

      @Override
      public List<InetAddress> nameservers() {
        return nameservers;
      }
    }, List.of());
    List<IpPrefix> blocked = new ArrayList<>(routes);
    nameservers.forEach(n -> blocked.add(IpPrefix.of(n, 32)));
    List<IpPrefix> candidates = dockersLocalCandidates();
    List<IpPrefix> chosen = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      IpPrefix expected = candidates.stream()
          .filter(c -> blocked.stream().noneMatch(c::overlaps) && chosen.stream().noneMatch(c::overlaps))
          .findFirst().orElse(null);
      if (expected == null) {
        assertThatThrownBy(() -> auto(ipam, false)).isInstanceOf(UnavailableException.class);
        return;
      }
      IpPrefix got = auto(ipam, false).subnet();
      assertThat(got).isEqualTo(expected);
      assertThat(blocked).noneMatch(got::overlaps);
      assertThat(chosen).noneMatch(got::overlaps);
      chosen.add(got);
    }
  }

  /** The 31 candidates in Docker's order, written out independently of the driver's lists. */
  private static List<IpPrefix> dockersLocalCandidates() {
    List<IpPrefix> all = new ArrayList<>();
    for (int second = 17; second <= 31; second++) {
      all.add(IpPrefix.parse("172." + second + ".0.0/16"));
    }
    for (int third = 0; third < 256; third += 16) {
      all.add(IpPrefix.parse("192.168." + third + ".0/20"));
    }
    return all;
  }
}
