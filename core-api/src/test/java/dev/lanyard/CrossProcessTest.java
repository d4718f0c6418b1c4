package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes on one state directory: events across processes, concurrent allocation. */
class CrossProcessTest {
  @TempDir
  Path dir;

  @Test
  void anotherProcessSeesEventsOfThisOne() throws Exception {
    try (Networks networks = ChildJvm.open(dir)) {
      Process watcher = ChildJvm.start(List.of(), "watch", dir.toString());
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(watcher.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(readLine(lines)).isEqualTo("ready");
        Network n = networks.newNetwork("seen-elsewhere").create();
        Container c = networks.adopt("visitor", Path.of("/proc/self/ns/net"));
        n.connect(c);
        n.disconnect(c);
        n.remove();
        List<String> got = new ArrayList<>();
        while (got.size() < 4) {
          String line = readLine(lines);
          if (line.endsWith(" seen-elsewhere")) {
            got.add(line);
          }
        }
        assertThat(got).containsExactly("CREATE seen-elsewhere", "CONNECT seen-elsewhere",
            "DISCONNECT seen-elsewhere", "DESTROY seen-elsewhere");
      } finally {
        watcher.getOutputStream().close();
        assertThat(watcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  private static String readLine(BufferedReader r) throws Exception {
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return r.readLine();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).get(30, TimeUnit.SECONDS);
    assertThat(line).as("a line from the child").isNotNull();
    return line;
  }

  @Test
  void twoProcessesConnectingAHundredEachGetTwoHundredDistinctAddresses() throws Exception {
    try (Networks networks = ChildJvm.open(dir)) {
      networks.newNetwork("shared").subnet("10.61.0.0/23").create();
    }
    Process a = ChildJvm.start(List.of(), "connect-many", dir.toString(), "shared", "a", "100");
    Process b = ChildJvm.start(List.of(), "connect-many", dir.toString(), "shared", "b", "100");
    CompletableFuture<List<String>> fromA = CompletableFuture.supplyAsync(() -> lines(a));
    CompletableFuture<List<String>> fromB = CompletableFuture.supplyAsync(() -> lines(b));
    List<String> all = new ArrayList<>(fromA.get(120, TimeUnit.SECONDS));
    all.addAll(fromB.get(120, TimeUnit.SECONDS));
    assertThat(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(a.exitValue()).isZero();
    assertThat(b.exitValue()).isZero();
    assertThat(all).hasSize(200);
    Set<String> distinct = new HashSet<>(all);
    assertThat(distinct).hasSize(200);
    try (Networks networks = ChildJvm.open(dir)) {
      assertThat(networks.network("shared").endpoints()).hasSize(200);
    }
  }

  private static List<String> lines(Process p) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      return r.lines().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
