package dev.lanyard.cli;

import dev.lanyard.Networks;
import dev.lanyard.resolver.DnsModel;
import dev.lanyard.resolver.service.DnsService;
import dev.lanyard.resolver.service.DnsServiceProvider;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The DNS server of one state directory across CLI invocations: each {@code lanyard} call is its own short
 * process, so the embedded resolver (127.0.0.11 in every container on a user-defined network) lives in a
 * background process, {@code lanyard dns-daemon run}. It holds an exclusive lock on
 * {@code STATE/cli/dns-daemon.lock} for its whole life (the kernel drops the lock when it dies, so a crashed
 * daemon is never mistaken for a live one), follows the controller's events from every process on the state
 * directory through the resolver module's {@link DnsService}, and after each update writes the digest of the
 * model it serves to {@code dns-daemon.served}.
 *
 * <p>The CLI calls {@link #sync} after every change: it starts the daemon if a container needs DNS and none
 * holds the lock (detached, in a new session, log in {@code dns-daemon.log}), and waits until the served
 * digest equals the model the CLI sees, so a name is answered as soon as the command that made it returns.
 * {@code lanyard dns-daemon stop} sends SIGTERM and waits for the lock to be released.
 *
 * <p>Threads: the service's own thread follows the controller's events; the daemon's main thread waits for
 * SIGTERM.
 */
final class DnsDaemon {
  private static final Logger LOG = Logger.getLogger(DnsDaemon.class.getName());
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  static final Duration SERVE_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofMillis(10);

  private final Settings settings;

  DnsDaemon(Settings settings) {
    this.settings = settings;
  }

  Path lockFile() {
    return settings.cliDirectory().resolve("dns-daemon.lock");
  }

  Path pidFile() {
    return settings.cliDirectory().resolve("dns-daemon.pid");
  }

  Path servedFile() {
    return settings.cliDirectory().resolve("dns-daemon.served");
  }

  Path logFile() {
    return settings.cliDirectory().resolve("dns-daemon.log");
  }

  /** Whether a daemon holds the lock (is alive). */
  boolean running() {
    try {
      Files.createDirectories(settings.cliDirectory());
      try (FileChannel ch = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = ch.tryLock();
        if (lock == null) {
          return true;
        }
        lock.release();
        return false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("check " + lockFile(), e);
    }
  }

  /** The running daemon's PID. */
  Optional<Long> pid() {
    return running() ? writtenPid() : Optional.empty();
  }

  private Optional<Long> writtenPid() {
    try {
      return Files.exists(pidFile()) ? Optional.of(Long.parseLong(Files.readString(pidFile()).trim())) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Makes the daemon serve {@code model}: starts it when the model needs DNS and no daemon runs, then waits
   * until it serves exactly this model. Nothing happens when no daemon runs and none is needed.
   */
  void sync(DnsModel model) {
    boolean needed = model.containers().stream().anyMatch(dev.lanyard.resolver.DnsContainer::hasEmbeddedDns);
    if (!running()) {
      if (!needed) {
        return;
      }
      start();
    }
    String digest = DnsModels.digest(model);
    Instant deadline = Instant.now().plus(SERVE_TIMEOUT);
    while (!digest.equals(served())) {
      if (!running()) {
        // it died while catching up: a new one loads the whole model at its start
        start();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new dev.lanyard.UnavailableException("the DNS daemon has not served the current containers within "
            + SERVE_TIMEOUT.toSeconds() + " s; see " + logFile());
      }
      pause();
    }
  }

  private String served() {
    try {
      return Files.exists(servedFile()) ? Files.readString(servedFile()).trim() : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Spawns {@code lanyard dns-daemon run} detached and waits until it holds the lock. */
  void start() {
    List<String> argv = new ArrayList<>(List.of("setsid",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-D" + DnsServiceProvider.ENABLED_PROPERTY + "=false", "-cp", System.getProperty("java.class.path"), Lanyard.class.getName()));
    argv.addAll(settings.asOptions());
    argv.addAll(List.of("dns-daemon", "run"));
    Process p;
    try {
      Files.createDirectories(settings.cliDirectory());
      p = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new dev.lanyard.UnavailableException("cannot start the DNS daemon: " + e.getMessage());
    }
    // ready once the pid file names a live daemon: ours, or, if ours lost the race for the lock, the winner
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      Optional<Long> pid = writtenPid();
      if (pid.isPresent() && (pid.get() == p.pid() || (!p.isAlive() && running()
          && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)))) {
        return;
      }
      if (!p.isAlive() && !running()) {
        throw new dev.lanyard.UnavailableException(
            "the DNS daemon exited with status " + p.exitValue() + " at start; see " + logFile());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new dev.lanyard.UnavailableException("the DNS daemon did not start within "
            + START_TIMEOUT.toSeconds() + " s; see " + logFile());
      }
      pause();
    }
  }

  /** {@code lanyard dns-daemon stop}: SIGTERM and wait until the lock is free. Returns whether one ran. */
  boolean stop() {
    Optional<Long> pid = pid();
    if (pid.isEmpty()) {
      return false;
    }
    ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (running()) {
      if (Instant.now().isAfter(deadline)) {
        ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroyForcibly);
        deadline = Instant.now().plus(Duration.ofSeconds(30));
      }
      pause();
    }
    return true;
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.lanyard.UnavailableException("interrupted while waiting for the DNS daemon");
    }
  }

  /**
   * {@code lanyard dns-daemon run}: serves until SIGTERM. Returns 0 after a clean stop, 1 if another daemon
   * already serves this state directory.
   */
  int runForeground() throws IOException, InterruptedException {
    Files.createDirectories(settings.cliDirectory());
    try (FileChannel ch = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        LOG.info("another DNS daemon serves " + settings.stateDirectory());
        return 1;
      }
      // a dead daemon's digest must not pass for ours: it goes before the pid file says we are ready
      Files.deleteIfExists(servedFile());
      Files.writeString(pidFile(), ProcessHandle.current().pid() + "\n");
      CountDownLatch stopped = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        stopped.countDown();
        try {
          done.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "lanyard-dns-daemon-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        serve(stopped);
      } finally {
        Files.deleteIfExists(servedFile());
        Files.deleteIfExists(pidFile());
        done.countDown();
      }
      return 0;
    }
  }

  private void serve(CountDownLatch stopped) throws InterruptedException {
    // the resolver module's service, started by hand: this process is the one DNS server of the state
    // directory (the CLI's short processes run with the automatic service off, lanyard.dns=false)
    try (Networks networks = settings.open();
        DnsService dns = DnsService.serve(networks, model -> writeServed(DnsModels.digest(model)))) {
      dns.awaitServing(START_TIMEOUT);
      stopped.await();
    }
  }

  private void writeServed(String digest) {
    try {
      Path tmp = servedFile().resolveSibling("dns-daemon.served.tmp");
      Files.writeString(tmp, digest + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, servedFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("write " + servedFile(), e);
    }
  }
}
