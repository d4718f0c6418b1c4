package dev.lanyard.cli;

import dev.lanyard.Container;
import dev.lanyard.NetworkException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The command of {@code lanyard run IMAGE CMD…}: started detached inside the container's namespace (with its
 * {@code hosts} and {@code resolv.conf}, through {@code ip netns exec}, in a new session so it outlives the
 * CLI and a terminal's Ctrl-C), output appended to {@code STATE/cli/logs/ID.log}; stopped like
 * {@code docker stop}: SIGTERM, then SIGKILL after the grace period.
 */
final class Workload {
  /** {@code docker stop}'s default grace period. */
  static final long STOP_GRACE_SECONDS = 10;

  private Workload() {}

  /** Starts the command; returns the record with the process's PID and start time. */
  static ContainerRecord start(Settings settings, Container container, ContainerRecord record) {
    if (record.command().isEmpty()) {
      return record;
    }
    String namespace = container.namespaceName().orElseThrow(
        () -> new NetworkException("container " + container.name() + " has no namespace of its own to run a command in"));
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "setsid"));
    argv.addAll(record.command());
    Path log = settings.cliDirectory().resolve("logs").resolve(container.id() + ".log");
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(argv)
          .redirectInput(new File("/dev/null"))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectErrorStream(true);
      pb.environment().put("HOSTNAME", container.hostname());
      Process p = pb.start();
      long started = p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
      return record.withProcess(p.pid(), started);
    } catch (IOException e) {
      throw new NetworkException("cannot start " + String.join(" ", record.command()) + " in " + container.name()
          + ": " + e.getMessage(), e);
    }
  }

  /** Whether the recorded process is still the one that was started. */
  static boolean alive(ContainerRecord record) {
    return process(record).isPresent();
  }

  /** SIGTERM, then SIGKILL if it has not ended within the grace period; nothing if it is gone. */
  static void stop(ContainerRecord record) {
    Optional<ProcessHandle> p = process(record);
    if (p.isEmpty()) {
      return;
    }
    ProcessHandle handle = p.get();
    handle.destroy();
    try {
      handle.onExit().get(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      handle.destroyForcibly();
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for process " + handle.pid(), e);
    }
  }

  private static Optional<ProcessHandle> process(ContainerRecord record) {
    if (record.pid() <= 0) {
      return Optional.empty();
    }
    return ProcessHandle.of(record.pid()).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
        .map(i -> i.toEpochMilli() == record.pidStartMillis()).orElse(false));
  }
}
