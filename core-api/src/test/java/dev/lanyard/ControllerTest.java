package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.conformance.StoreRows;
import dev.lanyard.fakes.FakeDriver;
import dev.lanyard.fakes.FakeDriver.FakeKernel;
import dev.lanyard.inspect.ContainerInspect;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Controller behaviour beyond the conformance suite: rollback on driver failure, persistence, providers, ports. */
class ControllerTest {
  private static final Path SELF = Path.of("/proc/self/ns/net");

  @TempDir
  Path dir;

  Networks networks;
  FakeKernel kernel;

  @BeforeEach
  void open() {
    networks = open(dir);
    kernel = new FakeKernel(dir);
  }

  @AfterEach
  void close() {
    networks.close();
  }

  static Networks open(Path dir) {
    return Networks.builder().stateDirectory(dir).hostNamespace(SELF).open();
  }

  @Test
  void defaultBridgeOptionsAreTheDaemonSettingsOfTheBridgeItCreates(@TempDir Path other) {
    try (Networks first = Networks.builder().stateDirectory(other).hostNamespace(SELF)
        .defaultBridgeOption("com.docker.network.bridge.enable_icc", "false").open()) {
      assertThat(first.network("bridge").options()).containsEntry("com.docker.network.bridge.enable_icc", "false")
          .containsEntry("com.docker.network.bridge.name", "docker0");
    }
    try (Networks reopened = open(other)) {
      assertThat(reopened.network("bridge").options()).containsEntry("com.docker.network.bridge.enable_icc", "false");
    }
    assertThat(networks.network("bridge").options()).containsEntry("com.docker.network.bridge.enable_icc", "true");
    assertThatThrownBy(() -> Networks.builder().defaultBridgeOption(" ", "x"))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid default bridge option key: \" \"");
  }

  @Test
  void brokenDriverProviderIsReportedByNameAndOthersWork() {
    assertThatThrownBy(() -> networks.newNetwork("x").driver("broken").create())
        .isInstanceOf(NotFoundException.class)
        .hasMessage("plugin \"broken\" not found: broken on purpose");
    assertThat(networks.newNetwork("fine").create().driver()).isEqualTo("bridge");
  }

  @Test
  void failedCreateUndoesKernelAndStoreAndFreesTheSubnet() {
    assertThatThrownBy(() -> networks.newNetwork("bad-net").subnet("10.44.0.0/16").option(FakeDriver.FAIL, "create").create())
        .isInstanceOf(NetworkException.class).hasMessageContaining("injected failure at create");
    assertThat(networks.findNetwork("bad-net")).isEmpty();
    assertThat(kernel.ids("networks")).hasSize(1); // the predefined bridge only
    assertThat(networks.newNetwork("good").subnet("10.44.0.0/16").create().name()).isEqualTo("good");
  }

  @Test
  void failedJoinUndoesKernelAndStoreAndReleasesTheAddress() {
    Network n = networks.newNetwork("j").subnet("10.45.0.0/24").option(FakeDriver.FAIL, "join").create();
    String before = n.inspect().json();
    Container c = networks.adopt("ca", SELF);
    assertThatThrownBy(() -> n.connect(c, o -> o.ip("10.45.0.7")))
        .isInstanceOf(NetworkException.class).hasMessageContaining("injected failure at join");
    assertThat(n.inspect().json()).isEqualTo(before);
    assertThat(c.endpoints()).isEmpty();
    assertThat(kernel.ids("endpoints")).isEmpty();
  }

  @Test
  void failedLeaveKeepsTheEndpointAndForceRemovesIt() {
    Network n = networks.newNetwork("l").option(FakeDriver.FAIL, "leave").create();
    Container c = networks.adopt("ca", SELF);
    n.connect(c);
    assertThatThrownBy(() -> n.disconnect(c)).isInstanceOf(NetworkException.class);
    assertThat(n.endpoints()).hasSize(1);
    n.disconnect("ca", true);
    assertThat(n.endpoints()).isEmpty();
  }

  @Test
  void startThatCannotJoinAnEndpointLeavesTheContainerStoppedWithNothingPlumbed() {
    Network good = networks.newNetwork("good").create();
    Network bad = networks.newNetwork("j").option(FakeDriver.FAIL, "join").create();
    Container c = networks.adopt("ca", SELF);
    c.stop();
    good.connect(c);
    bad.connect(c, o -> o.alias("kept"));
    assertThatThrownBy(c::start).isInstanceOf(NetworkException.class)
        .hasMessage("failed to set up container networking: fake: injected failure at join of j");
    assertThat(c.running()).isFalse();
    assertThat(c.endpoints()).hasSize(2).noneMatch(Endpoint::active);
    assertThat(kernel.ids("endpoints")).isEmpty();
    assertThat(c.endpoints().get(1).aliases()).containsExactly("kept");
  }

  @Test
  void stopThatCannotLeaveAnEndpointLeavesTheContainerRunningSoItCanBeRepeated() {
    Network good = networks.newNetwork("good").create();
    Network bad = networks.newNetwork("l").option(FakeDriver.FAIL, "leave").create();
    Container c = networks.adopt("ca", SELF);
    good.connect(c);
    bad.connect(c);
    assertThatThrownBy(c::stop).isInstanceOf(NetworkException.class).hasMessageContaining("injected failure at leave");
    assertThat(c.running()).isTrue();
    assertThat(good.endpoints()).isEmpty();
    assertThat(bad.endpoints()).hasSize(1);
    assertThat(kernel.ids("endpoints")).containsExactly(bad.endpoints().get(0).id());
    bad.disconnect("ca", true);
    c.stop();
    assertThat(c.running()).isFalse();
    assertThat(c.endpoints()).singleElement().satisfies(e -> {
      assertThat(e.networkName()).isEqualTo("good");
      assertThat(e.active()).isFalse();
    });
  }

  @Test
  void failedDeleteKeepsTheNetwork() {
    Network n = networks.newNetwork("d").option(FakeDriver.FAIL, "delete").create();
    assertThatThrownBy(n::remove).isInstanceOf(NetworkException.class);
    assertThat(networks.list().stream().map(Network::name)).contains("d");
    assertThat(kernel.has("networks", n.id())).isTrue();
  }

  @Test
  void stateSurvivesReopenWithAddressesStillReserved() {
    Network n = networks.newNetwork("keep").subnet("10.46.0.0/24").label("a", "b").create();
    Container c = networks.adopt("ca", SELF);
    String ip = n.connect(c).ipv4().orElseThrow().toString();
    networks.close();
    networks = open(dir);
    Network again = networks.network("keep");
    assertThat(again.id()).isEqualTo(n.id());
    assertThat(again.labels()).containsEntry("a", "b");
    assertThat(again.endpoints()).singleElement().satisfies(e -> assertThat(e.ipv4().orElseThrow().toString()).isEqualTo(ip));
    String next = again.connect(networks.adopt("cd", SELF)).ipv4().orElseThrow().toString();
    assertThat(next).isNotEqualTo(ip);
    assertThat(networks.list().stream().filter(x -> x.name().equals("bridge"))).hasSize(1);
  }

  @Test
  void staleEndpointOfAVanishedContainerGoesOnlyWithForce() throws Exception {
    Network n = networks.newNetwork("multihost").create();
    Container c = networks.adopt("redis_db", SELF);
    n.connect(c);
    networks.close();
    StoreRows.forgetContainer(dir, c.id());
    networks = open(dir);
    Network again = networks.network("multihost");
    assertThat(again.endpoints()).singleElement().satisfies(e -> assertThat(e.containerName()).isEqualTo("redis_db"));
    assertThatThrownBy(() -> again.disconnect("redis_db", false))
        .isInstanceOf(NotFoundException.class).hasMessage("No such container: redis_db");
    again.disconnect("redis_db", true);
    assertThat(again.endpoints()).isEmpty();
    assertThat(kernel.ids("endpoints")).isEmpty();
    assertThat(again.connect(networks.adopt("redis_db", SELF)).active()).isTrue();
  }

  @Test
  void publishedPortsShowInInspectAndAreWithdrawnOnDisconnect() {
    Network n = networks.newNetwork("web").create();
    Container c = networks.adopt("redis", SELF);
    Endpoint e = n.connect(c, o -> o.publish(8080, 80, "tcp").publish(0, 53, "udp"));
    ContainerInspect doc = c.inspect();
    assertThat(doc.networkSettings().ports().get("80/tcp")).singleElement()
        .satisfies(b -> assertThat(b.hostPort()).isEqualTo("8080"));
    assertThat(Integer.parseInt(doc.networkSettings().ports().get("53/udp").get(0).hostPort())).isPositive();
    assertThat(kernel.has("ports", e.id())).isTrue();
    n.disconnect(c);
    assertThat(kernel.has("ports", e.id())).isFalse();
    assertThat(c.inspect().networkSettings().ports()).isEmpty();
  }

  @Test
  @SuppressWarnings("try") // the subscription only has to stay open
  void secondControllerOnTheSameStateSeesChangesAndGetsEvents() throws Exception {
    try (Networks other = open(dir)) {
      BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
      try (Subscription ignored = other.subscribe(seen::add)) {
        Network n = networks.newNetwork("shared").subnet("10.47.0.0/24").create();
        Event e = seen.poll(5, TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.action()).isEqualTo(Event.Action.CREATE);
        assertThat(e.name()).isEqualTo("shared");
        Network seenThere = other.network("shared");
        assertThat(seenThere.id()).isEqualTo(n.id());
        // the other controller's IPAM mirrors the pool: an overlapping subnet is refused there too
        assertThatThrownBy(() -> other.newNetwork("clash").subnet("10.47.0.0/25").create())
            .isInstanceOf(ConflictException.class);
        String a = n.connect(networks.adopt("ca", SELF)).ipv4().orElseThrow().toString();
        String b = seenThere.connect(other.adopt("cb", SELF)).ipv4().orElseThrow().toString();
        assertThat(a).isNotEqualTo(b);
      }
    }
  }

  @Test
  void predefinedNetworksAreMadeOnceAcrossControllers() {
    try (Networks other = open(dir)) {
      assertThat(other.list().stream().map(Network::name).filter(List.of("bridge", "host", "none")::contains)).hasSize(3);
      assertThat(other.network("bridge").id()).isEqualTo(networks.network("bridge").id());
    }
  }

  @Test
  void servicesAreStartedWithTheControllerFollowItsEventsAndCloseWithIt() throws Exception {
    dev.lanyard.fakes.RecordingService.Instance service = dev.lanyard.fakes.RecordingService.INSTANCES.stream()
        .filter(i -> i.networks == networks).findFirst().orElseThrow();
    assertThat(service.context.stateDirectory()).isEqualTo(dir);
    networks.newNetwork("followed").create();
    Event e = service.events.poll(5, TimeUnit.SECONDS);
    assertThat(e).isNotNull();
    assertThat(e.name()).isEqualTo("followed");
    assertThat(service.networks.network("followed").driver()).isEqualTo("bridge");
    networks.close();
    assertThat(service.closed).isTrue();
    networks = open(dir);
  }

  @Test
  void ipv6OnlyNetworkGivesOnlyIpv6Addresses() {
    Network n = networks.newNetwork("v6only").ipv4(false).ipv6().create();
    assertThat(n.ipamConfigs()).singleElement().satisfies(c -> assertThat(c.subnet().isIpv4()).isFalse());
    Endpoint e = n.connect(networks.adopt("six", SELF));
    assertThat(e.ipv4()).isEmpty();
    assertThat(e.ipv6()).isPresent();
    assertThat(n.inspect().enableIpv4()).isFalse();
  }

  @Test
  void openingOnAMissingHostNamespaceFailsAndNamesIt() {
    Path missing = dir.resolve("no-such-netns");
    assertThatThrownBy(() -> Networks.builder().stateDirectory(dir.resolve("other")).hostNamespace(missing).open())
        .isInstanceOf(NotFoundException.class).hasMessage("host namespace " + missing + " not found");
  }
}
