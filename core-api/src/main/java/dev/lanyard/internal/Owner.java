package dev.lanyard.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * Who holds an unfinished operation: {@code pid@startMillis} of a process, so a record left by a dead
 * process (its pid gone, or reused by a process started at another time) can be told from one in flight.
 */
final class Owner {
  static final String SELF = of(ProcessHandle.current());

  private Owner() {}

  static String of(ProcessHandle process) {
    long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return process.pid() + "@" + start;
  }

  static boolean alive(String owner) {
    if (owner == null) {
      return false;
    }
    int at = owner.indexOf('@');
    long pid;
    try {
      pid = Long.parseLong(owner.substring(0, at));
    } catch (RuntimeException e) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    return process.isPresent() && process.get().isAlive() && of(process.get()).equals(owner);
  }
}
