package dev.lanyard.ipam;

import static dev.lanyard.ipam.Ipams.auto;
import static dev.lanyard.ipam.Ipams.driver;
import static dev.lanyard.ipam.Ipams.gateway;
import static dev.lanyard.ipam.Ipams.ip;
import static dev.lanyard.ipam.Ipams.next;
import static dev.lanyard.ipam.Ipams.pool;
import static dev.lanyard.ipam.Ipams.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ConflictException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.NetworkException;
import dev.lanyard.NotFoundException;
import dev.lanyard.UnavailableException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.IpamDriverProvider;
import dev.lanyard.spi.Pool;
import dev.lanyard.spi.PoolRequest;
import dev.lanyard.spi.PoolStatus;
import dev.lanyard.spi.Scope;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Addresses of a pool: Docker's order, reserved addresses, edge prefix lengths, errors, status. */
class AddressAllocationTest {
  private final IpamDriver ipam = driver();

  private static PoolStatus status(long inUse, long available) {
    return new PoolStatus(BigInteger.valueOf(inUse), BigInteger.valueOf(available));
  }

  @Test
  void gatewayIsTheFirstAddressThenContainersGetTheLowestFree() {
    Pool bridge = auto(ipam, false);
    assertThat(gateway(ipam, bridge, null)).isEqualTo("172.17.0.1");
    assertThat(next(ipam, bridge)).isEqualTo("172.17.0.2");
    assertThat(next(ipam, bridge)).isEqualTo("172.17.0.3");
    ipam.releaseAddress(bridge.id(), ip("172.17.0.2"));
    assertThat(next(ipam, bridge)).isEqualTo("172.17.0.2");
    // Docker's inspect on a fresh default bridge shows 3 in use (network, broadcast, gateway), 65533 free
    Pool fresh = auto(ipam, false);
    gateway(ipam, fresh, null);
    assertThat(ipam.status(fresh.id())).isEqualTo(status(3, 65533));
  }

  @Test
  void slashThirtyHasTwoUsableAddresses() {
    Pool p = pool(ipam, "192.168.1.0/30");
    assertThat(gateway(ipam, p, null)).isEqualTo("192.168.1.1");
    assertThat(next(ipam, p)).isEqualTo("192.168.1.2");
    assertThatThrownBy(() -> next(ipam, p)).isInstanceOf(UnavailableException.class)
        .hasMessage("no available addresses on this pool: 192.168.1.0/30");
    assertThatThrownBy(() -> take(ipam, p, "192.168.1.0")).isInstanceOf(ConflictException.class)
        .hasMessageStartingWith("Address already in use: 192.168.1.0");
    assertThatThrownBy(() -> take(ipam, p, "192.168.1.3")).isInstanceOf(ConflictException.class)
        .hasMessageStartingWith("Address already in use: 192.168.1.3");
    assertThat(ipam.status(p.id())).isEqualTo(status(4, 0));
    // releasing a reserved address does not free it
    ipam.releaseAddress(p.id(), ip("192.168.1.3"));
    assertThat(ipam.status(p.id())).isEqualTo(status(4, 0));
  }

  @Test
  void slashThirtyOneUsesBothAddresses() {
    Pool p = pool(ipam, "10.9.0.0/31");
    assertThat(ipam.status(p.id())).isEqualTo(status(0, 2));
    assertThat(gateway(ipam, p, null)).isEqualTo("10.9.0.0");
    assertThat(next(ipam, p)).isEqualTo("10.9.0.1");
    assertThatThrownBy(() -> next(ipam, p)).isInstanceOf(UnavailableException.class);
  }

  @Test
  void slashThirtyTwoHasItsOneAddress() {
    Pool p = pool(ipam, "10.9.0.5/32");
    assertThat(next(ipam, p)).isEqualTo("10.9.0.5");
    assertThatThrownBy(() -> next(ipam, p)).isInstanceOf(UnavailableException.class)
        .hasMessageContaining("10.9.0.5/32");
    ipam.releaseAddress(p.id(), ip("10.9.0.5"));
    assertThat(gateway(ipam, p, null)).isEqualTo("10.9.0.5");
  }

  @Test
  void ipv6ReservesOnlyTheSubnetRouterAnycastAddress() {
    Pool p = ipam.requestPool(new PoolRequest(Scope.LOCAL, Optional.of(IpPrefix.parse("fd00:1::/126")),
        Optional.empty(), true, Map.of()));
    assertThat(next(ipam, p)).isEqualTo("fd00:1:0:0:0:0:0:1");
    assertThat(next(ipam, p)).isEqualTo("fd00:1:0:0:0:0:0:2");
    assertThat(next(ipam, p)).isEqualTo("fd00:1:0:0:0:0:0:3");
    assertThatThrownBy(() -> take(ipam, p, "fd00:1::")).isInstanceOf(ConflictException.class);
  }

  @Test
  void ipRangeGivesDynamicAddressesStaticOnesMayBeAnywhereInTheSubnetAuxAreNeverHandedOut() {
    Pool p = pool(ipam, "172.28.0.0/16", "172.28.5.0/24", Map.of());
    assertThat(p.id()).isEqualTo("LocalDefault/172.28.0.0/16/172.28.5.0/24");
    assertThat(gateway(ipam, p, null)).isEqualTo("172.28.0.1");
    assertThat(take(ipam, p, "172.28.5.1")).isEqualTo("172.28.5.1");   // aux address, reserved by the controller
    assertThat(next(ipam, p)).isEqualTo("172.28.5.0");
    assertThat(next(ipam, p)).isEqualTo("172.28.5.2");
    assertThat(take(ipam, p, "172.28.9.9")).isEqualTo("172.28.9.9");
    assertThat(ipam.status(p.id())).isEqualTo(status(7, 253));
    assertThatThrownBy(() -> take(ipam, p, "172.28.9.9")).isInstanceOf(ConflictException.class)
        .hasMessage("Address already in use: 172.28.9.9");
  }

  @Test
  void aGivenGatewayIsTakenAndASecondGatewayIsRefused() {
    Pool p = pool(ipam, "172.25.0.0/16");
    assertThat(gateway(ipam, p, "172.25.255.254")).isEqualTo("172.25.255.254");
    unchangedAfter(p, () -> gateway(ipam, p, "172.25.0.9"), InvalidParameterException.class,
        "subnet 172.25.0.0/16 already has gateway 172.25.255.254; a second gateway 172.25.0.9 is not allowed");
    ipam.releaseAddress(p.id(), ip("172.25.255.254"));
    assertThat(gateway(ipam, p, null)).isEqualTo("172.25.0.1");
  }

  @Test
  void serialModeContinuesAfterTheLastAddressAndWraps() {
    Pool p = pool(ipam, "10.1.0.0/29", null, Map.of(IpamDriver.SERIAL, "true"));
    assertThat(next(ipam, p)).isEqualTo("10.1.0.1");
    assertThat(next(ipam, p)).isEqualTo("10.1.0.2");
    assertThat(next(ipam, p)).isEqualTo("10.1.0.3");
    ipam.releaseAddress(p.id(), ip("10.1.0.2"));
    assertThat(next(ipam, p)).isEqualTo("10.1.0.4");
    assertThat(next(ipam, p)).isEqualTo("10.1.0.5");
    assertThat(next(ipam, p)).isEqualTo("10.1.0.6");
    assertThat(next(ipam, p)).isEqualTo("10.1.0.2");
    // the option may also come with each request, as Docker passes network options
    Pool q = pool(ipam, "10.2.0.0/29");
    Map<String, String> serial = Map.of(IpamDriver.SERIAL, "true");
    assertThat(ipam.requestAddress(q.id(), null, serial).getHostAddress()).isEqualTo("10.2.0.1");
    assertThat(ipam.requestAddress(q.id(), null, serial).getHostAddress()).isEqualTo("10.2.0.2");
    ipam.releaseAddress(q.id(), ip("10.2.0.1"));
    assertThat(ipam.requestAddress(q.id(), null, serial).getHostAddress()).isEqualTo("10.2.0.3");
    assertThat(next(ipam, q)).isEqualTo("10.2.0.1");
  }

  @Test
  void anIpv6Slash48KeepsStaticAddressesFarAwayAndCountsThem() {
    Pool p = ipam.requestPool(new PoolRequest(Scope.LOCAL, Optional.of(IpPrefix.parse("fd00:2::/48")),
        Optional.empty(), true, Map.of()));
    assertThat(take(ipam, p, "fd00:2:0:ffff:ffff:ffff:ffff:ffff")).isEqualTo("fd00:2:0:ffff:ffff:ffff:ffff:ffff");
    assertThat(take(ipam, p, "fd00:2:0:9:8000::1")).isEqualTo("fd00:2:0:9:8000:0:0:1");
    assertThat(next(ipam, p)).isEqualTo("fd00:2:0:0:0:0:0:1");
    assertThatThrownBy(() -> take(ipam, p, "fd00:2:0:9:8000::1")).isInstanceOf(ConflictException.class)
        .hasMessage("Address already in use: fd00:2:0:9:8000::1");
    BigInteger size = BigInteger.ONE.shiftLeft(80);
    assertThat(ipam.status(p.id())).isEqualTo(new PoolStatus(BigInteger.valueOf(4), size.subtract(BigInteger.valueOf(4))));
    ipam.releaseAddress(p.id(), ip("fd00:2:0:9:8000::1"));
    assertThat(ipam.status(p.id()).ipsInUse()).isEqualTo(3);
  }

  @Test
  void anIpRangeInAnIpv6Slash64CountsOnlyItsOwnAddressesAsAvailable() {
    Pool p = ipam.requestPool(new PoolRequest(Scope.LOCAL, Optional.of(IpPrefix.parse("fd00:3::/64")),
        Optional.of(IpPrefix.parse("fd00:3::8000:0:0:0/65")), true, Map.of()));
    assertThat(next(ipam, p)).isEqualTo("fd00:3:0:0:8000:0:0:0");
    assertThat(ipam.status(p.id())).isEqualTo(
        new PoolStatus(BigInteger.TWO, BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE)));
  }

  @Test
  void replayedAddressesAreNeverHandedOutAgain() {
    Pool before = pool(ipam, "172.30.0.0/24");
    gateway(ipam, before, null);
    String a = next(ipam, before);
    String b = next(ipam, before);
    ipam.releaseAddress(before.id(), ip(a));
    // a restart: a new driver, the controller requests the stored pool, gateway and endpoint addresses
    IpamDriver reopened = driver();
    Pool after = pool(reopened, "172.30.0.0/24");
    assertThat(after.id()).isEqualTo(before.id());
    gateway(reopened, after, "172.30.0.1");
    take(reopened, after, b);
    assertThat(next(reopened, after)).isEqualTo(a);
    assertThat(next(reopened, after)).isEqualTo("172.30.0.4");
  }

  @Test
  void badInputNamesTheValueAndChangesNothing() {
    Pool p = pool(ipam, "172.25.0.0/16");
    gateway(ipam, p, null);
    unchangedAfter(p, () -> gateway(ipam, pool(ipam, "172.26.0.0/16"), "10.0.0.1"), InvalidParameterException.class,
        "requested address is out of range: 10.0.0.1 is not in 172.26.0.0/16");
    unchangedAfter(p, () -> take(ipam, p, "172.24.0.7"), InvalidParameterException.class,
        "requested address is out of range: 172.24.0.7 is not in 172.25.0.0/16");
    unchangedAfter(p, () -> take(ipam, p, "fd00::7"), InvalidParameterException.class,
        "requested address is out of range: fd00::7 is not in 172.25.0.0/16");
    unchangedAfter(p, () -> ipam.releaseAddress(p.id(), ip("172.24.0.7")), InvalidParameterException.class,
        "requested address is out of range: 172.24.0.7 is not in 172.25.0.0/16");
    unchangedAfter(p, () -> pool(ipam, "172.27.0.1/16"), InvalidParameterException.class,
        "invalid subnet 172.27.0.1/16: it should be 172.27.0.0/16");
    unchangedAfter(p, () -> pool(ipam, "172.27.0.0/16", "172.29.5.0/24", Map.of()), InvalidParameterException.class,
        "invalid ip-range 172.29.5.0/24: parent subnet 172.27.0.0/16 doesn't contain ip-range");
    unchangedAfter(p, () -> pool(ipam, "172.27.0.0/16", "172.0.0.0/8", Map.of()), InvalidParameterException.class,
        "invalid ip-range 172.0.0.0/8: CIDR block is bigger than its parent subnet 172.27.0.0/16");
    unchangedAfter(p, () -> pool(ipam, "172.27.0.0/16", "172.27.5.1/24", Map.of()), InvalidParameterException.class,
        "invalid ip-range 172.27.5.1/24: it should be 172.27.5.0/24");
    unchangedAfter(p, () -> pool(ipam, "172.27.0.0/16", "fd00::/64", Map.of()), InvalidParameterException.class,
        "invalid ip-range fd00::/64: parent subnet is an IPv4 block");
    unchangedAfter(p, () -> ipam.requestPool(new PoolRequest(Scope.LOCAL, Optional.empty(),
        Optional.of(IpPrefix.parse("172.27.5.0/24")), false, Map.of())), InvalidParameterException.class,
        "invalid ip-range 172.27.5.0/24: an ip-range needs a subnet");
    unchangedAfter(p, () -> pool(ipam, "172.27.0.0/33"), InvalidParameterException.class,
        "invalid CIDR address: 172.27.0.0/33");
    unchangedAfter(p, () -> ipam.requestAddress("LocalDefault/1.2.3.0/24", null, Map.of()), NotFoundException.class,
        "cannot find address pool for poolID: LocalDefault/1.2.3.0/24");
    unchangedAfter(p, () -> ipam.releasePool("LocalDefault/1.2.3.0/24"), NotFoundException.class,
        "cannot find address pool for poolID: LocalDefault/1.2.3.0/24");
    // none of the refused pools was kept: all of them can be made now
    assertThat(pool(ipam, "172.27.0.0/16", "172.27.5.0/24", Map.of()).subnet()).hasToString("172.27.0.0/16");
  }

  private void unchangedAfter(Pool p, ThrowingCallable call, Class<? extends NetworkException> kind, String message) {
    PoolStatus before = ipam.status(p.id());
    assertThatThrownBy(call).isInstanceOf(kind).hasMessage(message);
    assertThat(ipam.status(p.id())).isEqualTo(before);
  }

  @Test
  void releasingAPoolReleasesItsAddresses() {
    Pool p = pool(ipam, "172.25.0.0/24");
    take(ipam, p, "172.25.0.9");
    ipam.releasePool(p.id());
    assertThatThrownBy(() -> ipam.status(p.id())).isInstanceOf(NotFoundException.class);
    Pool again = pool(ipam, "172.25.0.0/24");
    assertThat(take(ipam, again, "172.25.0.9")).isEqualTo("172.25.0.9");
  }

  @Test
  void bothDriversAreFoundThroughServiceLoader() {
    TreeMap<String, IpamDriverProvider> byName = new TreeMap<>();
    ServiceLoader.load(IpamDriverProvider.class).forEach(p -> byName.put(p.name(), p));
    assertThat(byName).containsOnlyKeys("default", "null");
    assertThat(byName.get("default")).isInstanceOf(DefaultIpamProvider.class);
  }

  @Test
  void theNullDriverHasOneEmptyPoolPerFamily() {
    IpamDriver none = new NullIpamProvider().create(null);
    Pool v4 = auto(none, false);
    assertThat(v4.id()).isEqualTo("null/0.0.0.0/0");
    assertThat(auto(none, true).subnet()).hasToString("::/0");
    assertThat(none.requestAddress(v4.id(), null, Map.of())).isNull();
    assertThat(none.status(v4.id())).isEqualTo(status(0, 0));
    none.releaseAddress(v4.id(), ip("10.0.0.1"));
    none.releasePool(v4.id());
    assertThatThrownBy(() -> pool(none, "10.0.0.0/8")).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("10.0.0.0/8");
    assertThatThrownBy(() -> none.requestAddress("LocalDefault/10.0.0.0/8", null, Map.of()))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("LocalDefault/10.0.0.0/8");
  }

  @Test
  void threadsSharingTheDriverNeverGetTheSameAddressOrOverlappingPools() throws Exception {
    Pool shared = pool(ipam, "10.77.0.0/16");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(threads.submit(() -> {
          List<String> got = new ArrayList<>();
          for (int i = 0; i < 2000; i++) {
            got.add(next(ipam, shared));
          }
          for (int i = 0; i < 4; i++) {
            got.add(auto(ipam, false).subnet().toString());
          }
          return got;
        }));
      }
      Set<String> addresses = new HashSet<>();
      List<IpPrefix> pools = new ArrayList<>();
      for (Future<List<String>> result : results) {
        for (String item : result.get()) {
          if (item.contains("/")) {
            IpPrefix p = IpPrefix.parse(item);
            assertThat(pools).noneMatch(p::overlaps);
            pools.add(p);
          } else {
            assertThat(addresses.add(item)).as("handed out twice: %s", item).isTrue();
          }
        }
      }
      assertThat(addresses).hasSize(8000);
      assertThat(pools).hasSize(16);
      assertThat(ipam.status(shared.id()).ipsInUse()).isEqualTo(8002);
    } finally {
      threads.shutdownNow();
    }
  }
}
