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
 * A child JVM halts (as if SIGKILLed) at each step of create, connect, disconnect and rm; the parent then
 * re-opens and checks that store and kernel agree (nothing half made, nothing leaked, no address held) and
 * that the operation can be done again.
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

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"create.intent", "create.kernel", "create.commit", "connect.intent", "connect.kernel",
      "connect.commit", "disconnect.intent", "disconnect.kernel", "disconnect.commit", "rm.intent", "rm.kernel",
      "rm.commit"})
  void crashAtEachStepConvergesAndTheOperationCanBeRedone(String point) throws Exception {
    String op = point.substring(0, point.indexOf('.'));
    prepare(op);
    Process child = ChildJvm.start(List.of(Faults.PROPERTY + "=" + point), "op", dir.toString(), op);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("the child halted at " + point).isEqualTo(Faults.STATUS);

    try (Networks networks = ChildJvm.open(dir)) {
      assertThat(transitionalRecords()).as("unfinished records after reopen").isEmpty();
      assertKernelMatchesStore(networks);
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
        if (row.matches(".*\"phase\":\"(CREATING|DELETING|JOINING|LEAVING)\".*")) {
          out.add(row);
        }
      }
      return out;
    }
  }
}
