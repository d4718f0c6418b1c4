package dev.lanyard.testlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scratch namespaces of one test. Every name it makes starts with {@link #prefix()}, which is
 * unique to this JVM and test; when the test ends, every named namespace with that prefix (also ones
 * the code under test created) is removed, with the processes still running in it and its
 * {@code /etc/netns} directory. Nothing else is ever deleted.
 */
public final class Lab {
  private static final Path RUN_NETNS = Path.of("/run/netns");
  private static final Path ETC_NETNS = Path.of("/etc/netns");
  private static final long PID = ProcessHandle.current().pid();
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static final Pattern OURS = Pattern.compile("lyt(\\d+)x\\d+.*");

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();
  private final List<LabNamespace> made = new ArrayList<>();

  Lab() {
    this.prefix = "lyt" + PID + "x" + TESTS.incrementAndGet();
  }

  /**
   * The prefix every namespace name of this test carries. Give it to code under test that names its own
   * namespaces (e.g. containers), so they are cleaned up with the test's.
   */
  public String prefix() {
    return prefix;
  }

  /** A fresh, empty namespace with loopback up, removed after the test. */
  public synchronized LabNamespace namespace() {
    String name = prefix + "n" + count.incrementAndGet();
    Commands.run(List.of("ip", "netns", "add", name)).orFail();
    LabNamespace ns = new LabNamespace(name);
    made.add(ns);
    if (inode(ns.path()) == inode(Path.of("/proc/self/ns/net"))) {
      throw new AssertionError("refusing: scratch namespace " + name + " is the test process's own namespace");
    }
    ns.exec("ip", "link", "set", "lo", "up").orFail();
    return ns;
  }

  /** Removes everything with this test's prefix; returns the problems met, for the caller to report. */
  synchronized List<String> cleanUp() {
    List<String> problems = new ArrayList<>();
    for (String name : namesWithPrefix(prefix)) {
      remove(name, problems);
    }
    try (Stream<Path> dirs = listDir(ETC_NETNS)) {
      dirs.filter(d -> d.getFileName().toString().startsWith(prefix)).forEach(d -> deleteTree(d, problems));
    }
    made.clear();
    return problems;
  }

  /** Removes namespaces left by earlier lab JVMs that died before cleaning up (their PID is gone). */
  static void sweepDeadRuns() {
    for (String name : namesWithPrefix("lyt")) {
      Matcher m = OURS.matcher(name);
      if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
        remove(name, new ArrayList<>());
      }
    }
  }

  private static void remove(String name, List<String> problems) {
    ExecResult pids = Commands.run(List.of("ip", "netns", "pids", name));
    for (String pid : pids.stdout().split("\\s+")) {
      if (!pid.isBlank()) {
        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    ExecResult del = Commands.run(List.of("ip", "netns", "del", name));
    if (!del.ok()) {
      problems.add("ip netns del " + name + ": " + del.stderr().trim());
    }
  }

  private static List<String> namesWithPrefix(String prefix) {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(RUN_NETNS)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(RUN_NETNS, prefix + "*")) {
      entries.forEach(p -> names.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  private static Stream<Path> listDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Stream.empty();
    }
    try {
      return Files.list(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir, List<String> problems) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      problems.add("delete " + dir + ": " + e.getMessage());
    }
  }

  private static long inode(Path path) {
    try {
      return ((Number) Files.getAttribute(path, "unix:ino")).longValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
