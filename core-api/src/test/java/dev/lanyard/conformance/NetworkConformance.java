package dev.lanyard.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.ConflictException;
import dev.lanyard.Container;
import dev.lanyard.Endpoint;
import dev.lanyard.Event;
import dev.lanyard.ForbiddenException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.Network;
import dev.lanyard.NetworkException;
import dev.lanyard.NetworkFilter;
import dev.lanyard.Networks;
import dev.lanyard.NotFoundException;
import dev.lanyard.Subscription;
import dev.lanyard.inspect.ContainerInspect;
import dev.lanyard.inspect.NetworkInspect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API's semantics and errors, the same for every network driver (STYLE.md §19). A driver module
 * subclasses it (from core-api's test-jar), saying how to open a controller and make a container; the
 * predefined {@code bridge} network must be made by the driver under test.
 */
public abstract class NetworkConformance {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  protected Path stateDirectory;

  private Networks networks;

  /** Opens a controller on {@code stateDirectory} (with the host namespace and prefix the subclass owns). */
  protected abstract Networks open(Path stateDirectory);

  /**
   * A running container attached to no network yet; with a real driver, e.g. a fresh lab namespace adopted
   * with {@link Networks#adopt} (a container run on {@code none} cannot join other networks).
   */
  protected abstract Container container(Networks networks, String name);

  /**
   * The controller under test, opened on first use, so a subclass's own {@code @BeforeEach} (e.g. one that
   * receives a kernel lab) runs before {@link #open}.
   */
  protected Networks networks() {
    if (networks == null) {
      networks = open(stateDirectory);
    }
    return networks;
  }

  @AfterEach
  protected void closeController() {
    if (networks != null) {
      networks.close();
      networks = null;
    }
  }

  // ------------------------------------------------------------ create, inspect

  @Test
  void predefinedNetworksExistAndAreBuiltin() {
    assertThat(networks().list(NetworkFilter.type("builtin")).stream().map(Network::name))
        .containsExactlyInAnyOrder("bridge", "host", "none");
    assertThat(networks().network("host").driver()).isEqualTo("host");
    assertThat(networks().network("none").driver()).isEqualTo("null");
    assertThat(networks().network("bridge").ipamConfigs()).isNotEmpty();
  }

  @Test
  void createWithNameOnlyMakesABridgeWithAChosenSubnet() throws Exception {
    Network n = networks().newNetwork("simple-network").create();
    JsonNode doc = JSON.readTree(n.inspect().json());
    assertThat(fieldNames(doc)).containsExactly("Name", "Id", "Created", "Scope", "Driver", "EnableIPv4",
        "EnableIPv6", "IPAM", "Internal", "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers",
        "Options", "Labels", "Status");
    assertThat(doc.get("Name").asText()).isEqualTo("simple-network");
    assertThat(doc.get("Id").asText()).matches("[0-9a-f]{64}");
    assertThat(doc.get("Driver").asText()).isEqualTo("bridge");
    assertThat(doc.get("Scope").asText()).isEqualTo("local");
    assertThat(doc.get("Created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
    assertThat(doc.get("IPAM").get("Driver").asText()).isEqualTo("default");
    JsonNode config = doc.get("IPAM").get("Config").get(0);
    assertThat(fieldNames(config)).contains("Subnet", "Gateway");
    String subnet = config.get("Subnet").asText();
    assertThat(networks().network("bridge").ipamConfigs().get(0).subnet().overlaps(
        dev.lanyard.net.IpPrefix.parse(subnet))).isFalse();
    assertThat(doc.get("EnableIPv4").asBoolean()).isTrue();
    assertThat(doc.get("Containers").size()).isZero();
  }

  @Test
  void createWithEveryIpamFlagShowsThemInInspectAndAllocatesFromTheRange() throws Exception {
    Network n = networks().newNetwork("isolated_nw").subnet("172.25.0.0/16").ipRange("172.25.5.0/24")
        .gateway("172.25.0.100").auxAddress("my-router", "172.25.5.0").auxAddress("my-switch", "172.25.5.1")
        .option("com.docker.network.driver.mtu", "1400").label("env", "test").internal().attachable().create();
    JsonNode doc = JSON.readTree(n.inspect().json());
    JsonNode config = doc.get("IPAM").get("Config").get(0);
    assertThat(config.get("Subnet").asText()).isEqualTo("172.25.0.0/16");
    assertThat(config.get("IPRange").asText()).isEqualTo("172.25.5.0/24");
    assertThat(config.get("Gateway").asText()).isEqualTo("172.25.0.100");
    assertThat(config.get("AuxiliaryAddresses").get("my-router").asText()).isEqualTo("172.25.5.0");
    assertThat(doc.get("Internal").asBoolean()).isTrue();
    assertThat(doc.get("Attachable").asBoolean()).isTrue();
    assertThat(doc.get("Options").get("com.docker.network.driver.mtu").asText()).isEqualTo("1400");
    assertThat(doc.get("Labels").get("env").asText()).isEqualTo("test");

    Endpoint e = n.connect(container(networks(), "container2"));
    // aux addresses .0 and .1 are reserved, so the first dynamic address is .2 of the range
    assertThat(e.ipv4().orElseThrow().toString()).isEqualTo("172.25.5.2/16");
    assertThat(e.ipv4Gateway().orElseThrow().getHostAddress()).isEqualTo("172.25.0.100");
    JsonNode members = JSON.readTree(n.inspect().json()).get("Containers");
    JsonNode member = members.get(e.containerId());
    assertThat(fieldNames(member)).containsExactly("Name", "EndpointID", "MacAddress", "IPv4Address", "IPv6Address");
    assertThat(member.get("Name").asText()).isEqualTo("container2");
    assertThat(member.get("IPv4Address").asText()).isEqualTo("172.25.5.2/16");
    assertThat(member.get("MacAddress").asText()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
  }

  @Test
  void ipv6NetworkGivesEndpointsBothFamilies() {
    Network n = networks().newNetwork("v6").subnet("172.29.0.0/24").subnet("fd12:3456::/64").ipv6().create();
    Endpoint e = n.connect(container(networks(), "c6"), o -> o.ip6("fd12:3456::99"));
    assertThat(e.ipv4()).isPresent();
    assertThat(e.ipv6().orElseThrow().toString()).isEqualTo("fd12:3456::99/64");
    assertThat(n.inspect().enableIpv6()).isTrue();
  }

  // ------------------------------------------------------------ lookup, ls, rm, prune

  @Test
  void lookupIsByFullIdThenExactNameThenUniqueIdPrefix() {
    List<Network> made = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      made.add(networks().newNetwork("look" + i).create());
    }
    Network first = made.get(0);
    assertThat(networks().network(first.id()).name()).isEqualTo("look0");
    assertThat(networks().network("look3").id()).isEqualTo(made.get(3).id());
    String unique = uniquePrefix(first.id());
    assertThat(networks().network(unique).id()).isEqualTo(first.id());
    // 17 networks + 3 predefined share 16 first hex digits: some digit is ambiguous
    Map<Character, Integer> counts = new TreeMap<>();
    networks().list().forEach(n -> counts.merge(n.id().charAt(0), 1, Integer::sum));
    char shared = counts.entrySet().stream().filter(en -> en.getValue() > 1).findFirst().orElseThrow().getKey();
    int matches = counts.get(shared);
    assertThatThrownBy(() -> networks().network(String.valueOf(shared)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("network " + shared + " is ambiguous (" + matches + " matches found based on ID prefix)");
    // a name that looks like another network's id prefix still finds the named network
    Network named = networks().newNetwork(made.get(5).id().substring(0, 6)).create();
    assertThat(networks().network(made.get(5).id().substring(0, 6)).id()).isEqualTo(named.id());
  }

  private String uniquePrefix(String id) {
    for (int len = 1; len <= id.length(); len++) {
      String p = id.substring(0, len);
      if (networks().list().stream().filter(n -> n.id().startsWith(p)).count() == 1) {
        return p;
      }
    }
    return id;
  }

  @Test
  void listFiltersFollowDocker() {
    networks().newNetwork("front").label("tier", "web").create();
    networks().newNetwork("back").label("tier", "db").label("secure", "").create();
    Network used = networks().newNetwork("used-net").create();
    used.connect(container(networks(), "user"));
    assertThat(names(NetworkFilter.driver("bridge"))).containsExactlyInAnyOrder("bridge", "front", "back", "used-net");
    assertThat(names(NetworkFilter.name("ack"))).containsExactly("back");
    assertThat(names(NetworkFilter.label("tier"))).containsExactlyInAnyOrder("front", "back");
    assertThat(names(NetworkFilter.label("tier", "db"))).containsExactly("back");
    assertThat(names(NetworkFilter.label("tier").and(NetworkFilter.label("secure")))).containsExactly("back");
    assertThat(names(NetworkFilter.name("front").and(NetworkFilter.name("back")))).containsExactlyInAnyOrder("front", "back");
    assertThat(names(NetworkFilter.type("custom"))).containsExactlyInAnyOrder("front", "back", "used-net");
    assertThat(names(NetworkFilter.scope("local"))).hasSize(6);
    assertThat(names(NetworkFilter.id(used.id().substring(0, 20)))).containsExactly("used-net");
    assertThat(names(NetworkFilter.dangling(true))).containsExactlyInAnyOrder("front", "back");
    assertThat(names(NetworkFilter.dangling(false))).containsExactlyInAnyOrder("bridge", "host", "none", "used-net");
    assertThat(names(NetworkFilter.parse("driver=null"))).containsExactly("none");
  }

  private List<String> names(NetworkFilter f) {
    return networks().list(f).stream().map(Network::name).toList();
  }

  @Test
  void removeOfSeveralGoesOnPastAFailureAndThrowsTheFirst() {
    // names with non-hex letters, so that once removed they cannot match another network's id prefix
    networks().newNetwork("net-a").create();
    networks().newNetwork("net-b").create();
    assertThatThrownBy(() -> networks().remove("net-a", "nosuch", "bridge", "net-b"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("network nosuch not found")
        .satisfies(e -> {
          assertThat(e.getSuppressed()).hasSize(1);
          assertThat(e.getSuppressed()[0]).isInstanceOf(ForbiddenException.class)
              .hasMessage("bridge is a pre-defined network and cannot be removed");
        });
    assertThat(networks().findNetwork("net-a")).isEmpty();
    assertThat(networks().findNetwork("net-b")).isEmpty();
    assertThat(networks().findNetwork("bridge")).isPresent();
  }

  @Test
  void pruneRemovesOnlyUnusedUserNetworks() {
    networks().newNetwork("idle1").create();
    networks().newNetwork("idle2").label("keep", "yes").create();
    Network busy = networks().newNetwork("busy").create();
    busy.connect(container(networks(), "worker"));
    assertThat(networks().prune(NetworkFilter.label("keep", "yes"))).containsExactly("idle2");
    assertThat(networks().prune(NetworkFilter.ALL)).containsExactly("idle1");
    assertThat(networks().list().stream().map(Network::name)).containsExactlyInAnyOrder("bridge", "host", "none", "busy");
  }

  @Test
  void removedNetworkHandleReportsNotFound() {
    Network n = networks().newNetwork("gone").create();
    n.remove();
    assertThatThrownBy(n::name).isInstanceOf(NotFoundException.class).hasMessage("network " + n.id() + " not found");
    assertThat(networks().newNetwork("gone").create().id()).isNotEqualTo(n.id());
  }

  // ------------------------------------------------------------ connect, disconnect, containers

  @Test
  void connectWithEveryOptionShowsInContainerInspect() throws Exception {
    Network n = networks().newNetwork("local_alias").subnet("172.26.0.0/24").create();
    Container c5 = container(networks(), "container5");
    n.connect(c5);
    Container c4 = container(networks(), "container4");
    Endpoint e = n.connect(c4, o -> o.ip("172.26.0.44").alias("app", "scoped-app").link("container5", "foo")
        .driverOpt("com.example.opt", "1").linkLocalIp("169.254.9.9"));
    assertThat(e.ipv4().orElseThrow().toString()).isEqualTo("172.26.0.44/24");
    assertThat(e.aliases()).containsExactly("app", "scoped-app");
    ContainerInspect doc = c4.inspect();
    JsonNode json = JSON.readTree(doc.json());
    assertThat(json.get("Name").asText()).isEqualTo("/container4");
    JsonNode settings = json.get("NetworkSettings").get("Networks").get("local_alias");
    assertThat(fieldNames(settings)).contains("IPAMConfig", "Links", "Aliases", "DNSNames", "NetworkID",
        "EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address",
        "GlobalIPv6PrefixLen", "MacAddress", "DriverOpts");
    assertThat(settings.get("IPAMConfig").get("IPv4Address").asText()).isEqualTo("172.26.0.44");
    assertThat(settings.get("IPAMConfig").get("LinkLocalIPs").get(0).asText()).isEqualTo("169.254.9.9");
    assertThat(settings.get("Links").get(0).asText()).isEqualTo("container5:foo");
    assertThat(settings.get("IPAddress").asText()).isEqualTo("172.26.0.44");
    assertThat(settings.get("IPPrefixLen").asInt()).isEqualTo(24);
    assertThat(settings.get("Gateway").asText()).isEqualTo("172.26.0.1");
    assertThat(settings.get("NetworkID").asText()).isEqualTo(n.id());
    assertThat(settings.get("EndpointID").asText()).isEqualTo(e.id());
    assertThat(settings.get("DriverOpts").get("com.example.opt").asText()).isEqualTo("1");
    List<String> dns = new ArrayList<>();
    settings.get("DNSNames").forEach(x -> dns.add(x.asText()));
    assertThat(dns).containsExactly("container4", "app", "scoped-app", c4.id().substring(0, 12));
    assertThat(json.get("NetworkSettings").has("Ports")).isTrue();
  }

  @Test
  void endpointsGetInterfacesInJoinOrder() {
    Container c = container(networks(), "multi");
    Network a = networks().newNetwork("na").create();
    Network b = networks().newNetwork("nb").create();
    assertThat(a.connect(c).interfaceName()).contains("eth0");
    assertThat(b.connect(c).interfaceName()).contains("eth1");
    assertThat(c.endpoints().stream().map(Endpoint::networkName)).containsExactly("na", "nb");
  }

  @Test
  void disconnectReleasesTheAddressForTheNextContainer() {
    Network n = networks().newNetwork("reuse").subnet("172.27.0.0/29").create();
    Container a = container(networks(), "ca");
    String ip = n.connect(a).ipv4().orElseThrow().toString();
    n.disconnect(a);
    assertThat(n.endpoints()).isEmpty();
    assertThat(n.connect(container(networks(), "cb")).ipv4().orElseThrow().toString()).isEqualTo(ip);
  }

  @Test
  void stopReleasesDynamicAddressesAndStartKeepsStaticOnes() {
    Network n = networks().newNetwork("restart").subnet("172.24.0.0/24").create();
    Container fixed = container(networks(), "fixed");
    Container dynamic = container(networks(), "dynamic");
    n.connect(fixed, o -> o.ip("172.24.0.33"));
    String dynamicIp = n.connect(dynamic).ipv4().orElseThrow().toString();
    dynamic.stop();
    fixed.stop();
    assertThat(n.endpoints()).isEmpty();
    assertThat(dynamic.endpoints()).singleElement().satisfies(e -> {
      assertThat(e.active()).isFalse();
      assertThat(e.ipv4()).isEmpty();
    });
    // the dynamic address is free again: a newcomer takes it
    Container newcomer = container(networks(), "newcomer");
    assertThat(n.connect(newcomer).ipv4().orElseThrow().toString()).isEqualTo(dynamicIp);
    fixed.start();
    dynamic.start();
    assertThat(fixed.endpoints().get(0).ipv4().orElseThrow().toString()).isEqualTo("172.24.0.33/24");
    assertThat(dynamic.endpoints().get(0).ipv4().orElseThrow().toString()).isNotEqualTo(dynamicIp);
    assertThat(n.endpoints()).hasSize(3);
  }

  @Test
  void connectingAStoppedContainerKeepsConfigurationUntilStart() {
    Network n = networks().newNetwork("later").subnet("172.23.0.0/24").create();
    Container c = container(networks(), "sleeper");
    c.stop();
    assertThatThrownBy(() -> n.disconnect(c)).isInstanceOf(NotFoundException.class)
        .hasMessage("container " + c.id() + " is not connected to the network later");
    Endpoint configured = n.connect(c, o -> o.ip("172.23.0.9"));
    assertThat(configured.active()).isFalse();
    assertThat(n.inspect().containers()).isEmpty();
    c.start();
    assertThat(n.inspect().containers().get(c.id()).ipv4Address()).isEqualTo("172.23.0.9/24");
  }

  @Test
  void forceDisconnectWorksByContainerName() {
    Network n = networks().newNetwork("multihost").create();
    Container c = container(networks(), "redis_db");
    n.connect(c);
    n.disconnect("redis_db", true);
    assertThat(n.endpoints()).isEmpty();
    assertThat(n.connect(c).active()).isTrue();
  }

  @Test
  void removingAContainerDisconnectsItEverywhere() {
    Network a = networks().newNetwork("ra").create();
    Network b = networks().newNetwork("rb").create();
    Container c = container(networks(), "leaver");
    a.connect(c);
    b.connect(c);
    c.remove();
    assertThat(a.endpoints()).isEmpty();
    assertThat(b.endpoints()).isEmpty();
    assertThat(networks().findContainer("leaver")).isEmpty();
    a.remove();
    b.remove();
  }

  @Test
  void predefinedBridgeTakesContainersWithoutUserAddressesOrAliases() {
    Network bridge = networks().network("bridge");
    bridge.connect(container(networks(), "other"));
    Container c = container(networks(), "legacy");
    Endpoint e = bridge.connect(c, o -> o.link("other", "alias"));
    assertThat(e.ipv4()).isPresent();
    assertThat(bridge.ipamConfigs().get(0).subnet().contains(e.ipv4().get().address())).isTrue();
    assertThat(c.inspect().networkSettings().networks().get("bridge").dnsNames()).isNull();
    assertThat(c.inspect().networkSettings().networks().get("bridge").links()).containsExactly("other:alias");
  }

  @Test
  void aStaleEndpointHoldsItsNameOnTheNetworkUntilAForcedDisconnect() {
    Network n = networks().newNetwork("multihost").create();
    Container lost = container(networks(), "redis_db");
    n.connect(lost);
    closeController();
    StoreRows.forgetContainer(stateDirectory, lost.id()); // the container is gone, its endpoint is not
    Network multihost = networks().network("multihost");
    assertThat(multihost.endpoints()).singleElement()
        .satisfies(e -> assertThat(e.containerName()).isEqualTo("redis_db"));

    Container fresh = container(networks(), "redis_db");
    List<String> before = snapshot();
    assertThatThrownBy(() -> multihost.connect(fresh)).isInstanceOf(ForbiddenException.class)
        .hasMessage("endpoint with name redis_db already exists in network multihost");
    assertThat(snapshot()).isEqualTo(before);
    // a stopped container takes the configuration, and its start fails as Docker's does, leaving it stopped
    fresh.stop();
    assertThat(multihost.connect(fresh).active()).isFalse();
    List<String> stopped = snapshot();
    assertThatThrownBy(fresh::start).isInstanceOf(ForbiddenException.class).hasMessage(
        "failed to set up container networking: endpoint with name redis_db already exists in network multihost");
    assertThat(fresh.running()).isFalse();
    assertThat(snapshot()).isEqualTo(stopped);

    // the guide's way out: remove the container, force the stale endpoint out, connect again
    fresh.remove();
    multihost.disconnect("redis_db", true);
    assertThat(multihost.endpoints()).isEmpty();
    Container again = container(networks(), "redis_db");
    assertThat(multihost.connect(again).active()).isTrue();
  }

  @Test
  void configOnlyNetworkLendsItsConfiguration() {
    networks().newNetwork("cfg").configOnly().subnet("172.22.0.0/24").gateway("172.22.0.254")
        .option("com.docker.network.driver.mtu", "1450").label("origin", "cfg").create();
    Network cfg = networks().network("cfg");
    assertThat(cfg.configOnly()).isTrue();
    assertThatThrownBy(() -> cfg.connect(container(networks(), "nope")))
        .isInstanceOf(ForbiddenException.class).hasMessage("cannot create endpoint on configuration-only network");
    Network real = networks().newNetwork("from-cfg").configFrom("cfg").create();
    NetworkInspect doc = real.inspect();
    assertThat(doc.configFrom().network()).isEqualTo("cfg");
    assertThat(doc.ipam().config().get(0).subnet()).isEqualTo("172.22.0.0/24");
    assertThat(doc.ipam().config().get(0).gateway()).isEqualTo("172.22.0.254");
    assertThat(doc.options()).containsEntry("com.docker.network.driver.mtu", "1450");
    assertThat(doc.labels()).containsEntry("origin", "cfg");
    assertThatThrownBy(cfg::remove).isInstanceOf(ForbiddenException.class)
        .hasMessage("error while removing network: configuration network \"cfg\" is in use");
    real.remove();
    cfg.remove();
  }

  @Test
  void concurrentConnectsGetDistinctAddresses() throws Exception {
    Network n = networks().newNetwork("busy-net").subnet("172.21.0.0/24").create();
    List<Container> cs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      cs.add(container(networks(), "par" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Endpoint>> results = new ArrayList<>();
      for (Container c : cs) {
        results.add(pool.submit((Callable<Endpoint>) () -> n.connect(c)));
      }
      Set<String> ips = new HashSet<>();
      for (Future<Endpoint> f : results) {
        ips.add(f.get().ipv4().orElseThrow().toString());
      }
      assertThat(ips).hasSize(40);
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------ events

  @Test
  @SuppressWarnings("try") // the subscription only has to stay open
  void lifecycleEventsArriveInCommitOrder() throws Exception {
    BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
    try (Subscription ignored = networks().subscribe(seen::add)) {
      Network n = networks().newNetwork("evented").create();
      Container c = container(networks(), "watched");
      n.connect(c);
      n.disconnect(c);
      n.remove();
      List<String> got = new ArrayList<>();
      while (got.size() < 4) {
        Event e = seen.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("event after " + got).isNotNull();
        if (e.type() == Event.Type.NETWORK && e.id().equals(n.id())) {
          got.add(e.action().name());
          if (e.action() == Event.Action.CONNECT) {
            assertThat(e.attributes()).containsEntry("container", c.id()).containsEntry("type", "bridge");
          }
        }
      }
      assertThat(got).containsExactly("CREATE", "CONNECT", "DISCONNECT", "DESTROY");
    }
  }

  // ------------------------------------------------------------ bad input: typed error, nothing changed

  /**
   * A bad request against the fixture: network n1 (172.28.0.0/16) with c1 connected, c2 not, and network
   * auto without a user subnet.
   */
  protected record Fixture(Networks networks, Network n1, Network auto, Container c1, Container c2) {}

  protected record BadInput(String what, Class<? extends NetworkException> kind, String message, Consumer<Fixture> call) {
    @Override
    public String toString() {
      return what;
    }
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        bad("CIDR with a too long prefix", InvalidParameterException.class, "invalid CIDR address: 172.28.0.0/33",
            f -> f.networks().newNetwork("x").subnet("172.28.0.0/33").create()),
        bad("CIDR that is not one", InvalidParameterException.class, "invalid CIDR address: foo",
            f -> f.networks().newNetwork("x").subnet("foo").create()),
        bad("subnet with host bits", InvalidParameterException.class,
            "invalid subnet 10.1.2.3/16: it should be 10.1.0.0/16",
            f -> f.networks().newNetwork("x").subnet("10.1.2.3/16").create()),
        bad("subnet overlapping an existing network", ConflictException.class,
            "Pool overlaps with other one on this address space",
            f -> f.networks().newNetwork("x").subnet("172.28.5.0/24").create()),
        bad("overlapping subnets in one request", InvalidParameterException.class,
            "multiple overlapping subnet configuration is not supported",
            f -> f.networks().newNetwork("x").subnet("10.5.0.0/16").subnet("10.5.1.0/24").create()),
        bad("gateway outside the subnet", InvalidParameterException.class, "no matching subnet for gateway 10.9.9.1",
            f -> f.networks().newNetwork("x").subnet("10.8.0.0/16").gateway("10.9.9.1").create()),
        bad("ip-range outside the subnet", InvalidParameterException.class, "no matching subnet for range 10.9.0.0/24",
            f -> f.networks().newNetwork("x").subnet("10.8.0.0/16").ipRange("10.9.0.0/24").create()),
        bad("aux address outside the subnet", InvalidParameterException.class,
            "no matching subnet for aux-address 10.9.0.5",
            f -> f.networks().newNetwork("x").subnet("10.8.0.0/16").auxAddress("nas", "10.9.0.5").create()),
        bad("gateway without subnet", InvalidParameterException.class,
            "every ip-range or gateway must have a corresponding subnet",
            f -> f.networks().newNetwork("x").gateway("10.9.9.1").create()),
        bad("two gateways for one subnet", InvalidParameterException.class, "cannot configure multiple gateways",
            f -> f.networks().newNetwork("x").subnet("10.8.0.0/16").gateway("10.8.0.1").gateway("10.8.0.2").create()),
        bad("duplicate name", ConflictException.class, "network with name n1 already exists",
            f -> f.networks().newNetwork("n1").create()),
        bad("invalid name", InvalidParameterException.class, "invalid network name \"bad name!\"",
            f -> f.networks().newNetwork("bad name!").create()),
        bad("empty name", InvalidParameterException.class, "network name cannot be empty",
            f -> f.networks().newNetwork("").create()),
        bad("predefined name", ForbiddenException.class, "operation is not permitted on predefined bridge network ",
            f -> f.networks().newNetwork("bridge").create()),
        bad("unknown driver", NotFoundException.class, "plugin \"nosuch\" not found",
            f -> f.networks().newNetwork("x").driver("nosuch").create()),
        bad("unknown IPAM driver", NotFoundException.class, "plugin \"nosuch\" not found",
            f -> f.networks().newNetwork("x").ipamDriver("nosuch").create()),
        bad("second host network", ForbiddenException.class, "only one instance of \"host\" network is allowed",
            f -> f.networks().newNetwork("x").driver("host").create()),
        bad("IPv6 subnet without --ipv6", InvalidParameterException.class, "IPv6 is not enabled",
            f -> f.networks().newNetwork("x").subnet("fd00:1::/64").create()),
        bad("config-from a normal network", NotFoundException.class, "configuration network \"n1\" does not exist",
            f -> f.networks().newNetwork("x").configFrom("n1").create()),
        bad("config-from an unknown network", NotFoundException.class,
            "configuration network \"nosuch\" does not exist",
            f -> f.networks().newNetwork("x").configFrom("nosuch").create()),
        bad("config-from with own subnet", ForbiddenException.class,
            "user-specified configurations are not supported if the network depends on a configuration network",
            f -> f.networks().newNetwork("x").configFrom("n1").subnet("10.7.0.0/16").create()),
        bad("config-from with a label", ForbiddenException.class,
            "user-specified configurations are not supported if the network depends on a configuration network",
            f -> f.networks().newNetwork("x").configFrom("n1").label("k", "v").create()),
        bad("config-from with a driver option", ForbiddenException.class,
            "network driver options are not supported if the network depends on a configuration network",
            f -> f.networks().newNetwork("x").configFrom("n1").option("com.docker.network.driver.mtu", "1400").create()),
        bad("config-only and config-from", ForbiddenException.class,
            "a configuration network cannot depend on another configuration network",
            f -> f.networks().newNetwork("x").configOnly().configFrom("n1").create()),
        bad("config-only with an operator field", ForbiddenException.class,
            "configuration network can only contain network specific fields. Network operator fields like"
                + " [ ingress | internal | attachable | scope ] are not supported.",
            f -> f.networks().newNetwork("x").configOnly().internal().create()),
        bad("IP on the predefined bridge", InvalidParameterException.class,
            "invalid endpoint settings:\nuser-specified IP address is supported on user-defined networks only",
            f -> f.networks().network("bridge").connect(f.c2(), o -> o.ip("172.17.0.50"))),
        bad("alias on the predefined bridge", InvalidParameterException.class,
            "invalid endpoint settings:\nnetwork-scoped aliases are only supported for user-defined networks",
            f -> f.networks().network("bridge").connect(f.c2(), o -> o.alias("web"))),
        bad("IP and alias on the predefined bridge", InvalidParameterException.class,
            "invalid endpoint settings:\n* user-specified IP address is supported on user-defined networks only\n"
                + "* network-scoped aliases are only supported for user-defined networks",
            f -> f.networks().network("bridge").connect(f.c2(), o -> o.ip("172.17.0.50").alias("web"))),
        bad("link to an unknown container on the default bridge", InvalidParameterException.class,
            "could not get container for ghost: No such container: ghost",
            f -> f.networks().network("bridge").connect(f.c2(), o -> o.link("ghost", "g"))),
        bad("link to a container not on the default bridge", InvalidParameterException.class,
            "Cannot link to /c1, as it does not belong to the default network",
            f -> f.networks().network("bridge").connect(f.c2(), o -> o.link("c1", "one"))),
        bad("IP outside every subnet", InvalidParameterException.class,
            "invalid endpoint settings:\nno configured subnet contains IP address 10.0.0.5",
            f -> f.n1().connect(f.c2(), o -> o.ip("10.0.0.5"))),
        bad("IP on a network without user subnets", InvalidParameterException.class,
            "user specified IP address is supported only when connecting to networks with user configured subnets",
            f -> f.auto().connect(f.c2(), o -> o.ip(f.auto().ipamConfigs().get(0).subnet().address().getHostAddress()
                .replaceAll("0$", "9")))),
        bad("IP in use", ConflictException.class, "Address already in use",
            f -> f.n1().connect(f.c2(), o -> o.ip(f.n1().endpoints().get(0).ipv4().orElseThrow().address()
                .getHostAddress()))),
        bad("IPv4 text given as --ip6", InvalidParameterException.class, "invalid IPv6 address: 172.28.0.9",
            f -> f.n1().connect(f.c2(), o -> o.ip6("172.28.0.9"))),
        bad("rm with active endpoints", ForbiddenException.class,
            "error while removing network: network n1 has active endpoints (name:\"c1\" id:\"",
            f -> f.n1().remove()),
        bad("rm of a predefined network", ForbiddenException.class,
            "none is a pre-defined network and cannot be removed", f -> f.networks().remove("none")),
        bad("rm of an unknown network", NotFoundException.class, "network nosuch not found",
            f -> f.networks().remove("nosuch")),
        bad("disconnect of a container that is not connected", NotFoundException.class,
            "is not connected to network n1", f -> f.n1().disconnect(f.c2())),
        bad("disconnect of an unknown container", NotFoundException.class, "No such container: ghost",
            f -> f.n1().disconnect("ghost", false)),
        bad("forced disconnect of an unknown endpoint", NotFoundException.class, "endpoint ghost not found",
            f -> f.n1().disconnect("ghost", true)),
        bad("connect twice", ForbiddenException.class, "endpoint with name c1 already exists in network n1",
            f -> f.n1().connect(f.c1())),
        bad("connect to the host network", InvalidParameterException.class,
            "cannot connect container to host network - container must be created in host network mode",
            f -> f.networks().network("host").connect(f.c2())),
        bad("none together with another network", InvalidParameterException.class,
            "container cannot be connected to multiple networks with one of the networks in private (none) mode",
            f -> f.networks().network("none").connect(f.c1())),
        bad("unknown network", NotFoundException.class, "network nosuch not found",
            f -> f.networks().network("nosuch")),
        bad("unknown filter", InvalidParameterException.class, "invalid filter 'colour'",
            f -> f.networks().list(NetworkFilter.of("colour", "red"))),
        bad("bad type filter", InvalidParameterException.class, "invalid filter: 'type'='other'",
            f -> f.networks().list(NetworkFilter.type("other"))),
        bad("invalid container name", InvalidParameterException.class, "Invalid container name (bad name)",
            f -> f.networks().adopt("bad name", Path.of("/proc/self/ns/net"))),
        bad("duplicate container name", ConflictException.class, "The container name \"/c1\" is already in use",
            f -> f.networks().adopt("c1", Path.of("/proc/self/ns/net"))));
  }

  private static Arguments bad(
      String what, Class<? extends NetworkException> kind, String message, Consumer<Fixture> call) {
    return Arguments.of(new BadInput(what, kind, message, call));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputGivesItsTypedErrorAndChangesNothing(BadInput input) {
    Network n1 = networks().newNetwork("n1").subnet("172.28.0.0/16").create();
    Container c1 = container(networks(), "c1");
    Container c2 = container(networks(), "c2");
    n1.connect(c1);
    Fixture f = new Fixture(networks(), n1, networks().newNetwork("auto").create(), c1, c2);
    List<String> before = snapshot();
    assertThatThrownBy(() -> input.call().accept(f))
        .isInstanceOf(input.kind())
        .hasMessageContaining(input.message());
    assertThat(snapshot()).isEqualTo(before);
  }

  /** Everything observable through the API: every network's and container's inspect document. */
  private List<String> snapshot() {
    List<String> out = new ArrayList<>();
    networks().list().forEach(n -> out.add(n.inspect().json()));
    networks().containers().forEach(c -> out.add(c.inspect().json()));
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }
}
