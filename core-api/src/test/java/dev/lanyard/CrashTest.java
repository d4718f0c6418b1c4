package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.fakes.FakeDriver.FakeKernel;
import dev.lanyard.internal.Faults;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A child JVM halts (as if SIGKILLed) at each step of create, connect, disconnect, rm, and of a container's
 * start and stop; the parent then re-opens and checks that store and kernel agree (nothing half made, nothing
 * leaked, no address held), that a started or stopped container keeps its endpoints' configuration, and that
 * the operation can be done again.
 */
class CrashTest {
  private static final Path SELF = Path.of("/proc/self/ns/net");
  static final String STATIC_IP = "10.60.0.5";

  @TempDir
  Path dir;

  /** The operation the child runs, on a fixture {@link #prepare} made. */
  static void operation(Networks networks, String op) {
    switch (op) {
      case "create" -> networks.newNetwork("made").subnet("10.60.0.0/24").create();
      case "connect" -> networks.network("made").connect(networks.container("worker"), o -> o.ip(STATIC_IP));
      case "disconnect" -> networks.network("made").disconnect(networks.container("worker"));
      case "rm" -> networks.remove("made");
      case "start" -> networks.container("worker").start();
      case "stop" -> networks.container("worker").stop();
      default -> throw new IllegalArgumentException(op);
    }
  }

  private void prepare(String op) {
    try (Networks networks = ChildJvm.open(dir)) {
      networks.adopt("worker", SELF);
      if (!op.equals("create")) {
        networks.newNetwork("made").subnet("10.60.0.0/24").create();
      }
      if (op.equals("disconnect")) {
        networks.network("made").connect(networks.container("worker"), o -> o.ip(STATIC_IP));
      }
    }
  }

  /**
   * start/stop fixture: worker on "made" (static address, alias, link, driver option) and on "other", stopped
   * for a start; a crash after the first endpoint's step leaves the second one untouched.
   */
  private void prepareStartStop(String op) {
    try (Networks networks = ChildJvm.open(dir)) {
      Container worker = networks.adopt("worker", SELF);
      networks.adopt("peer", SELF);
      networks.newNetwork("made").subnet("10.60.0.0/24").create()
          .connect(worker, o -> o.ip(STATIC_IP).alias("app").link("peer", "db").driverOpt("com.example.opt", "1"));
      networks.newNetwork("other").subnet("10.61.0.0/24").create().connect(worker);
      if (op.equals("start")) {
        worker.stop();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"start.intent", "start.kernel", "start.commit", "stop.intent", "stop.kernel", "stop.commit"})
  void crashDuringStartOrStopLeavesTheContainerConsistentWithItsConfigurationKept(String point) throws Exception {
    prepareStartStop(operationOf(point));
    try (Networks networks = haltAtThenReopen(point)) {
      Container worker = networks.container("worker");
      // running with every endpoint plumbed, or stopped with none: never half
      assertThat(worker.endpoints()).hasSize(2).allSatisfy(e -> assertThat(e.active()).isEqualTo(worker.running()));
      // each point is reached at the first of two endpoints: an interrupted start is undone, a stop finished
      assertThat(worker.running()).as("running after a crash at " + point).isFalse();
      assertConfigurationKept(worker);

      worker.start();
      assertThat(worker.endpoints()).allSatisfy(e -> assertThat(e.active()).isTrue());
      assertThat(networks.network("made").endpoints()).singleElement()
          .satisfies(e -> assertThat(e.ipv4().orElseThrow().address().getHostAddress()).isEqualTo(STATIC_IP));
      assertKernelMatchesStore(networks);
      worker.stop();
      assertThat(worker.endpoints()).noneSatisfy(e -> assertThat(e.active()).isTrue());
      assertConfigurationKept(worker);
      assertKernelMatchesStore(networks);
    }
  }

  private static String operationOf(String point) {
    return point.substring(0, point.indexOf('.'));
  }

  /**
   * Runs the operation of {@code point} in a child JVM that halts there, reopens the state directory and
   * checks that nothing is left half done: no transitional record, the (fake) kernel equal to the store.
   */
  private Networks haltAtThenReopen(String point) throws Exception {
    Process child = ChildJvm.start(List.of(Faults.PROPERTY + "=" + point), "op", dir.toString(), operationOf(point));
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("the child halted at " + point).isEqualTo(Faults.STATUS);
    Networks networks = ChildJvm.open(dir);
    try {
      assertThat(transitionalRecords()).as("unfinished records after reopen").isEmpty();
      assertKernelMatchesStore(networks);
      return networks;
    } catch (AssertionError e) {
      networks.close();
      throw e;
    }
  }

  private static void assertConfigurationKept(Container worker) {
    Endpoint made = worker.endpoints().stream().filter(e -> e.networkName().equals("made")).findFirst().orElseThrow();
    assertThat(made.requestedIpv4().orElseThrow().getHostAddress()).isEqualTo(STATIC_IP);
    assertThat(made.aliases()).containsExactly("app");
    assertThat(made.links()).containsExactly(java.util.Map.entry("peer", "db"));
    assertThat(made.driverOptions()).containsExactly(java.util.Map.entry("com.example.opt", "1"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"create.intent", "create.kernel", "create.commit", "connect.intent", "connect.kernel",
      "connect.commit", "disconnect.intent", "disconnect.kernel", "disconnect.commit", "rm.intent", "rm.kernel",
      "rm.commit"})
  void crashAtEachStepConvergesAndTheOperationCanBeRedone(String point) throws Exception {
    prepare(operationOf(point));
    try (Networks networks = haltAtThenReopen(point)) {
      // redo: whatever the crash left, the operation (and its inverse) can be completed with the same address
      Network made = networks.findNetwork("made").orElseGet(
          () -> networks.newNetwork("made").subnet("10.60.0.0/24").create());
      Container worker = networks.container("worker");
      if (worker.endpoints().isEmpty()) {
        made.connect(worker, o -> o.ip(STATIC_IP));
      }
      assertThat(made.endpoints()).singleElement()
          .satisfies(e -> assertThat(e.ipv4().orElseThrow().address().getHostAddress()).isEqualTo(STATIC_IP));
      made.disconnect(worker);
      made.remove();
      assertKernelMatchesStore(networks);
      assertThat(networks.newNetwork("made").subnet("10.60.0.0/24").create().name()).isEqualTo("made");
    }
  }

  private void assertKernelMatchesStore(Networks networks) {
    FakeKernel kernel = new FakeKernel(dir);
    Set<String> storedNetworks = networks.list().stream().filter(n -> n.driver().equals("bridge"))
        .map(Network::id).collect(Collectors.toSet());
    Set<String> storedEndpoints = new HashSet<>();
    networks.list().forEach(n -> n.endpoints().forEach(e -> storedEndpoints.add(e.id())));
    assertThat(kernel.ids("networks")).as("networks in the kernel").isEqualTo(storedNetworks);
    assertThat(kernel.ids("endpoints")).as("endpoints in the kernel").isEqualTo(storedEndpoints);
  }

  private List<String> transitionalRecords() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lanyard.db"));
        Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT kind || ' ' || document FROM objects")) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        String row = rs.getString(1);
        if (row.matches(".*\"phase\":\"(CREATING|DELETING|JOINING|LEAVING|STARTING|STOPPING)\".*")) {
          out.add(row);
        }
      }
      return out;
    }
  }
}
