package dev.lanyard.ipam;

import static dev.lanyard.ipam.Ipams.auto;
import static dev.lanyard.ipam.Ipams.driver;
import static dev.lanyard.ipam.Ipams.facts;
import static dev.lanyard.ipam.Ipams.pool;
import static dev.lanyard.ipam.Ipams.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ConflictException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.UnavailableException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.HostFacts;
import dev.lanyard.spi.IpamDriver;
import dev.lanyard.spi.Pool;
import dev.lanyard.spi.PoolRequest;
import dev.lanyard.spi.PoolSpec;
import dev.lanyard.spi.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which pool a network without a subnet gets: Docker's order, its test cases, exhaustion, reuse. */
class PoolChoiceTest {

  @Test
  void walksDockersThirtyOneLocalPoolsThenReportsExhaustion() {
    IpamDriver ipam = driver();
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      chosen.add(auto(ipam, false).subnet().toString());
    }
    assertThat(chosen.subList(0, 8)).containsExactly("172.17.0.0/16", "172.18.0.0/16", "172.19.0.0/16",
        "172.20.0.0/16", "172.21.0.0/16", "172.22.0.0/16", "172.23.0.0/16", "172.24.0.0/16");
    assertThat(chosen.subList(14, 17)).containsExactly("172.31.0.0/16", "192.168.0.0/20", "192.168.16.0/20");
    assertThat(chosen.get(30)).isEqualTo("192.168.240.0/20");
    assertThatThrownBy(() -> auto(ipam, false)).isInstanceOf(UnavailableException.class)
        .hasMessageStartingWith("all predefined address pools have been fully subnetted");
  }

  @Test
  void aReleasedPoolIsChosenAgainAtOnce() {
    IpamDriver ipam = driver();
    Pool first = auto(ipam, false);
    auto(ipam, false);
    ipam.releasePool(first.id());
    assertThat(auto(ipam, false).subnet()).hasToString("172.17.0.0/16");
  }

  @Test
  void skipsHostRoutesAndNameservers() {
    IpamDriver ipam = driver(facts(List.of("172.17.0.0/16", "192.168.1.0/24", "10.1.2.0/24"),
        List.of("172.18.3.4", "8.8.8.8")), List.of());
    assertThat(auto(ipam, false).subnet()).hasToString("172.19.0.0/16");
  }

  @Test
  void globalScopeUsesTenSlashEightInSlash24sApartFromLocal() {
    IpamDriver ipam = driver();
    PoolRequest global = new PoolRequest(Scope.GLOBAL, Optional.empty(), Optional.empty(), false, Map.of());
    Pool a = ipam.requestPool(global);
    Pool b = ipam.requestPool(global);
    assertThat(a.subnet()).hasToString("10.0.0.0/24");
    assertThat(a.id()).isEqualTo("GlobalDefault/10.0.0.0/24");
    assertThat(b.subnet()).hasToString("10.0.1.0/24");
    assertThat(pool(ipam, "10.0.0.0/24").id()).isEqualTo("LocalDefault/10.0.0.0/24");
  }

  @Test
  void ipv6PoolsComeFromTheHostsUlaInSlash64s() {
    // SHA-256("lanyard-host-1") starts 98 32 76 89 96 7b 99 ea: the global id is bytes 3..7
    IpamDriver ipam = driver();
    assertThat(auto(ipam, true).subnet()).hasToString("fd89:967b:99ea::/64");
    assertThat(auto(ipam, true).subnet()).hasToString("fd89:967b:99ea:1::/64");
    assertThat(PredefinedPools.ula("lanyard-host-2").base()).isNotEqualTo(PredefinedPools.ula("lanyard-host-1").base());
  }

  @Test
  void configuredPoolsReplaceDockersAndStillGetTheUla() {
    IpamDriver ipam = driver(HostFacts.NONE, List.of(spec("10.10.0.0/16", 24)));
    assertThat(auto(ipam, false).subnet()).hasToString("10.10.0.0/24");
    assertThat(auto(ipam, true).subnet().toString()).startsWith("fd89:967b:99ea:");
    IpamDriver v6 = driver(HostFacts.NONE, List.of(spec("10.10.0.0/16", 24), spec("fd12:3456::/32", 64)));
    assertThat(auto(v6, true).subnet()).hasToString("fd12:3456::/64");
  }

  @Test
  void aSubnetWithTheUnspecifiedAddressAsksOnlyForItsSize() {
    IpamDriver ipam = driver();
    assertThat(pool(ipam, "0.0.0.0/24").subnet()).hasToString("172.17.0.0/24");
    assertThat(pool(ipam, "0.0.0.0/24").subnet()).hasToString("172.17.1.0/24");
    assertThat(auto(ipam, false).subnet()).hasToString("172.18.0.0/16");
    assertThatThrownBy(() -> pool(ipam, "0.0.0.0/12")).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("/12");
  }

  @Test
  void requestedSubnetsMustNotOverlapAnyPoolOfTheSpaceEvenWithAnIpRange() {
    IpamDriver ipam = driver();
    pool(ipam, "172.25.0.0/16");
    assertThatThrownBy(() -> pool(ipam, "172.25.3.0/24")).isInstanceOf(ConflictException.class)
        .hasMessage("Pool overlaps with other one on this address space: 172.25.3.0/24 overlaps 172.25.0.0/16");
    assertThatThrownBy(() -> pool(ipam, "172.25.0.0/16", "172.25.9.0/24", Map.of()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("172.25.0.0/16");
    assertThatThrownBy(() -> pool(ipam, "172.0.0.0/8")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("172.0.0.0/8");
    assertThat(pool(ipam, "172.26.0.0/16").subnet()).hasToString("172.26.0.0/16");
    // an automatic choice avoids requested subnets too
    assertThat(auto(ipam, false).subnet()).hasToString("172.17.0.0/16");
  }

  static Stream<Arguments> dockersDynamicAllocationCases() {
    // from moby's defaultipam address_space_test.go (TestDynamicPoolAllocation); Docker's "reserved"
    // prefixes are the host's on-link routes here, and its allocated prefixes with host bits are masked
    return Stream.of(
        Arguments.of(List.of(spec("192.168.0.0/16", 24)), List.of("192.168.255.0/24"), List.of(), "192.168.0.0/24"),
        Arguments.of(List.of(spec("10.0.0.0/8", 24), spec("192.168.0.0/16", 24)), List.of("10.0.0.0/8"),
            List.of("10.0.0.0/7"), "192.168.0.0/24"),
        Arguments.of(List.of(spec("10.20.0.0/16", 24), spec("192.168.0.0/16", 24)),
            List.of("10.0.0.0/8", "192.168.128.0/24"), List.of(), "192.168.0.0/24"),
        Arguments.of(List.of(spec("10.20.0.0/16", 24), spec("192.168.0.0/16", 24)),
            List.of("10.0.0.0/8", "192.168.0.0/24", "192.168.128.0/24"), List.of(), "192.168.1.0/24"),
        Arguments.of(List.of(spec("10.20.0.0/22", 24), spec("192.168.0.0/16", 24)),
            List.of("10.20.0.0/24", "10.20.1.0/24", "10.20.2.0/24", "192.168.128.0/24"), List.of("10.20.3.0/24"),
            "192.168.0.0/24"),
        Arguments.of(List.of(spec("10.20.0.0/16", 24), spec("192.168.0.0/16", 24)),
            List.of("10.20.0.0/17", "10.20.128.0/17"), List.of("200.1.2.0/24"), "192.168.0.0/24"),
        Arguments.of(List.of(spec("192.168.0.0/16", 24)),
            List.of("192.168.0.0/24", "192.168.1.0/24", "192.168.2.0/23"), List.of("192.168.4.3/30"),
            "192.168.5.0/24"),
        Arguments.of(List.of(spec("10.0.0.0/31", 31), spec("192.168.0.0/16", 24)),
            List.of("10.0.0.0/32", "100.0.0.0/32", "200.0.0.0/32"), List.of(), "192.168.0.0/24"),
        Arguments.of(List.of(spec("192.168.0.0/16", 24)), List.of("192.168.0.0/24", "192.168.1.0/24", "192.168.2.0/30"),
            List.of("192.168.2.4/30", "192.168.3.0/30", "192.168.4.0/23"), "192.168.6.0/24"),
        Arguments.of(List.of(spec("10.0.0.0/8", 24), spec("192.168.0.0/16", 24)), List.of("10.0.0.0/24"),
            List.of("192.168.0.0/24"), "10.0.1.0/24"),
        Arguments.of(List.of(spec("10.0.0.0/8", 24), spec("10.0.0.0/16", 24), spec("10.10.0.0/16", 24),
            spec("192.168.0.0/16", 24)), List.of(), List.of("10.0.0.0/8"), "192.168.0.0/24"),
        Arguments.of(List.of(spec("172.16.0.0/15", 16)), List.of("172.16.0.0/16"), List.of(), "172.17.0.0/16"),
        Arguments.of(List.of(spec("172.16.0.0/15", 16), spec("192.168.0.0/16", 24)),
            List.of("172.16.0.0/16", "172.17.0.0/17"), List.of(), "192.168.0.0/24"));
  }

  @ParameterizedTest
  @MethodSource("dockersDynamicAllocationCases")
  void choosesThePoolDockerChooses(List<PoolSpec> pools, List<String> allocated, List<String> routes, String expected) {
    IpamDriver ipam = driver(facts(routes, List.of()), pools);
    allocated.forEach(subnet -> pool(ipam, subnet));
    assertThat(auto(ipam, false).subnet()).isEqualTo(IpPrefix.parse(expected));
  }

  @Test
  void dropsPredefinedPoolsInsideEarlierOnesLikeDocker() {
    List<PoolSpec> ordered = PredefinedPools.ordered(List.of(spec("10.0.0.0/8", 16), spec("10.0.0.0/8", 24),
        spec("10.10.0.0/16", 24), spec("192.168.0.0/24", 24), spec("fd00::/48", 64)), false);
    assertThat(ordered).containsExactly(spec("10.0.0.0/8", 16), spec("192.168.0.0/24", 24));
  }
}
