package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.examples.Cli;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Name resolution across CLI invocations: every command is its own controller, the answers come from the
 * background {@code dns-daemon} process, checked with real {@code getent} and {@code dig} inside the container
 * namespaces. The {@code fake} driver gives addresses without interfaces, which is all DNS needs.
 */
@KernelTest
class DnsDaemonTest {
  @TempDir
  Path state;

  private final StringWriter transcript = new StringWriter();

  @Test
  void namesAliasesAndLinksResolveAcrossInvocationsAndTheDaemonComesBackAfterACrash(Lab lab, LabNamespace host)
      throws Exception {
    Cli cli = new Cli(state, host.path(), lab.prefix(), new PrintWriter(transcript));
    DnsDaemon daemon = new DnsDaemon(Settings.resolve(state.toString(), host.path().toString(), lab.prefix(), java.util.Map.of()));
    try {
      assertThat(cli.run("network", "create", "-d", "fake", "--subnet", "10.77.0.0/24", "n1").exitCode()).isZero();
      assertThat(daemon.running()).as("no container needs DNS yet").isFalse();
      assertThat(cli.run("run", "-d", "--name", "alpha", "--network", "n1", "--network-alias", "app", "busybox").exitCode())
          .isZero();
      assertThat(daemon.running()).as("started by the first container on a user network").isTrue();
      assertThat(cli.run("run", "-d", "--name", "beta", "--network", "n1", "--link", "alpha:x", "busybox").exitCode()).isZero();

      assertThat(cli.run("exec", "beta", "cat", "/etc/hosts").out()).as("a link on a user network is not in hosts")
          .doesNotContain("alpha");
      assertThat(cli.run("exec", "beta", "getent", "hosts", "x").out()).as("the link alias, from the DNS")
          .isEqualTo("10.77.0.2       x\n");
      assertThat(digShort(cli, "beta", "alpha")).containsExactly("10.77.0.2");
      assertThat(digShort(cli, "beta", "x")).as("link alias through DNS").containsExactly("10.77.0.2");
      assertThat(digShort(cli, "alpha", "x")).as("a link is seen by its container only").isEmpty();
      assertThat(cli.run("exec", "alpha", "getent", "hosts", "x").exitCode()).isEqualTo(2);
      assertThat(digShort(cli, "alpha", "beta")).containsExactly("10.77.0.3");
      assertThat(digShort(cli, "beta", "app")).containsExactly("10.77.0.2");

      assertThat(cli.run("run", "-d", "--name", "gamma", "--network", "n1", "--network-alias", "app", "busybox").exitCode())
          .isZero();
      assertThat(digShort(cli, "beta", "app")).containsExactly("10.77.0.2", "10.77.0.4");
      assertThat(cli.run("stop", "alpha").exitCode()).isZero();
      assertThat(digShort(cli, "beta", "app")).containsExactly("10.77.0.4");
      assertThat(cli.run("start", "alpha").exitCode()).isZero();
      assertThat(digShort(cli, "beta", "app")).containsExactly("10.77.0.2", "10.77.0.4");

      long pid = daemon.pid().orElseThrow();
      ProcessHandle killed = ProcessHandle.of(pid).orElseThrow();
      killed.destroyForcibly();
      killed.onExit().get(30, TimeUnit.SECONDS);
      assertThat(daemon.running()).as("the lock went with the killed daemon").isFalse();
      assertThat(digShort(cli, "beta", "gamma")).as("restarted by exec").containsExactly("10.77.0.4");
      assertThat(daemon.pid()).isPresent().get().isNotEqualTo(pid);

      assertThat(cli.run("rm", "-f", "gamma").exitCode()).isZero();
      assertThat(digShort(cli, "beta", "gamma")).isEmpty();
      assertThat(cli.run("exec", "beta", "getent", "hosts", "gamma").exitCode()).isEqualTo(2);

      Cli.Result stop = cli.run("dns-daemon", "stop");
      assertThat(stop.out()).isEqualTo("stopped\n");
      assertThat(daemon.running()).isFalse();
      assertThat(cli.run("dns-daemon", "status").exitCode()).isEqualTo(3);
    } finally {
      daemon.stop();
      System.out.println(transcript);
    }
  }

  private static Set<String> digShort(Cli cli, String container, String name) {
    Cli.Result r = cli.run("exec", container, "dig", "+short", "+tries=1", "+time=2", name);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return new TreeSet<>(Arrays.asList(r.out().trim().isEmpty() ? new String[0] : r.out().trim().split("\n")));
  }
}
