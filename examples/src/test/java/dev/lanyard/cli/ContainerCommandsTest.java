package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.Networks;
import dev.lanyard.conformance.StoreRows;
import dev.lanyard.examples.Cli;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers through the CLI on the {@code none} network (no driver needed): the command of {@code run -d}
 * runs inside the container's namespace (checked with {@code ip netns pids}), stops with {@code stop}, comes
 * back with {@code start}, goes with {@code rm -f}; {@code exec} and foreground {@code run} pass exit codes
 * through; Docker's refusals and their wording.
 */
@KernelTest
class ContainerCommandsTest {
  @TempDir
  Path state;

  /** {@code ip netns pids}, run from outside the namespace so it does not count itself. */
  private static List<String> pids(String namespace) throws Exception {
    Process p = new ProcessBuilder("ip", "netns", "pids", namespace).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  /** The seed guide's stale endpoint: Docker's message on run and connect until {@code network disconnect -f}. */
  @Test
  void aStaleEndpointRefusesItsNameUntilForcedOut(Lab lab, LabNamespace host, LabNamespace elsewhere) {
    StringWriter transcript = new StringWriter();
    Cli cli = new Cli(state, host.path(), lab.prefix(), new PrintWriter(transcript));
    try {
      assertThat(cli.run("network", "create", "-d", "fake", "multihost").exitCode()).isZero();
      String lost;
      try (Networks networks = Networks.builder().stateDirectory(state).hostNamespace(host.path())
          .namespacePrefix(lab.prefix()).open()) {
        lost = networks.network("multihost").connect(networks.adopt("redis_db", elsewhere.path())).containerId();
      }
      StoreRows.forgetContainer(state, lost);

      Cli.Result run = cli.run("run", "-d", "--name", "redis_db", "--network", "multihost", "redis");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("Error response from daemon: failed to set up container networking: endpoint"
          + " with name redis_db already exists in network multihost\n");
      assertThat(cli.run("ps", "-a", "-q").out()).isEmpty();
      assertThat(cli.run("network", "create", "-d", "fake", "spare").exitCode()).isZero();
      assertThat(cli.run("run", "-d", "--name", "redis_db", "--network", "spare", "redis").exitCode()).isZero();
      Cli.Result connect = cli.run("network", "connect", "multihost", "redis_db");
      assertThat(connect.err()).isEqualTo(
          "Error response from daemon: endpoint with name redis_db already exists in network multihost\n");
      assertThat(cli.run("rm", "-f", "redis_db").exitCode()).isZero();

      assertThat(cli.run("network", "disconnect", "-f", "multihost", "redis_db").exitCode()).isZero();
      assertThat(cli.run("run", "-d", "--name", "redis_db", "--network", "multihost", "redis").exitCode()).isZero();
    } finally {
      cli.run("rm", "-f", "redis_db");
      new DnsDaemon(Settings.resolve(state.toString(), host.path().toString(), lab.prefix(), java.util.Map.of())).stop();
      System.out.println(transcript);
    }
  }

  @Test
  void detachedCommandLivesWithTheContainer(Lab lab, LabNamespace host) throws Exception {
    StringWriter transcript = new StringWriter();
    Cli cli = new Cli(state, host.path(), lab.prefix(), new PrintWriter(transcript));
    String ns = lab.prefix() + "worker";
    try {
      Cli.Result run = cli.run("run", "-d", "--name", "worker", "--network", "none", "busybox", "sleep", "300");
      assertThat(run.exitCode()).isZero();
      String id = run.out().trim();
      List<String> first = pids(ns);
      assertThat(first).as("sleep runs inside " + ns).hasSize(1);
      assertThat(Files.readString(Path.of("/proc", first.get(0), "cmdline"))).isEqualTo("sleep\0" + "300\0");
      assertThat(cli.run("ps").out()).contains(id.substring(0, 12) + "   busybox   \"sleep 300\"");

      assertThat(cli.run("stop", "worker").out()).isEqualTo("worker\n");
      assertThat(pids(ns)).isEmpty();
      assertThat(cli.run("ps").out().lines()).hasSize(1);
      assertThat(cli.run("ps", "-a").out()).contains("Exited (0)");
      Cli.Result exec = cli.run("exec", "worker", "true");
      assertThat(exec.exitCode()).isEqualTo(1);
      assertThat(exec.err()).isEqualTo("Error response from daemon: container " + id + " is not running\n");

      assertThat(cli.run("start", "worker").out()).isEqualTo("worker\n");
      assertThat(pids(ns)).hasSize(1).doesNotContainAnyElementsOf(first);
      assertThat(cli.run("exec", "worker", "sh", "-c", "echo $HOSTNAME; exit 7").out()).isEqualTo(id.substring(0, 12) + "\n");
      assertThat(cli.run("exec", "worker", "sh", "-c", "exit 7").exitCode()).isEqualTo(7);

      Cli.Result refused = cli.run("rm", "worker");
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.err()).isEqualTo("Error response from daemon: cannot remove container \"/worker\": container is"
          + " running: stop the container before removing or force remove\n");
      assertThat(cli.run("rm", "-f", "worker", "nosuch").out()).isEqualTo("worker\n");
      assertThat(Files.exists(Path.of("/run/netns", ns))).isFalse();
      assertThat(cli.run("ps", "-a", "-q").out()).isEmpty();

      Cli.Result fg = cli.run("run", "--name", "once", "--network", "none", "busybox", "sh", "-c", "echo hi; exit 3");
      assertThat(fg.exitCode()).isEqualTo(3);
      assertThat(fg.out()).isEqualTo("hi\n");
      assertThat(cli.run("ps", "-a").out()).contains("Exited (3)").contains("   once\n");
      Cli.Result missing = cli.run("stop", "nosuch");
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(missing.err()).isEqualTo("Error response from daemon: No such container: nosuch\n");
    } finally {
      cli.run("rm", "-f", "worker", "once");
      System.out.println(transcript);
    }
  }
}
