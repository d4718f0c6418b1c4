package dev.lanyard.netlink.rt;

import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.NetNs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code net.*} sysctls of one network namespace, without a {@code sysctl} process.
 *
 * <pre>{@code
 * Sysctl.write(ns, "net.ipv4.ip_forward", "1");
 * Sysctl.write(ns, "net/ipv4/conf/eth0.100/forwarding", "1"); // '/' form for names with dots
 * }</pre>
 *
 * <p>Namespaces and threads: {@code /proc/sys/net} shows the namespace of the thread that opens the
 * file, so each call opens it inside {@code ns} on a short-lived platform thread ({@link NetNs#call}).
 * Only {@code net.} keys are accepted: other sysctls are not per namespace, and writing one from here
 * would change the whole machine.
 */
public final class Sysctl {
  private static final Path PROC_SYS = Path.of("/proc/sys");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@+.:-]+");

  private Sysctl() {}

  /** Writes {@code value} to {@code key} inside {@code ns}. */
  public static void write(NetNs ns, String key, String value) {
    Path path = pathOf(key);
    if (value == null || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("invalid value for sysctl " + key + ": \"" + value + "\"");
    }
    String operation = "write sysctl " + key + "=" + value;
    ns.run(() -> {
      try {
        Files.writeString(path, value, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw failure(operation, e);
      }
    });
  }

  /** The value of {@code key} inside {@code ns}, trailing newline removed. */
  public static String read(NetNs ns, String key) {
    Path path = pathOf(key);
    String operation = "read sysctl " + key;
    return ns.call(() -> {
      try {
        // not Files.readString: on JDK 17 it trusts the size procfs reports and returns one byte
        try (var in = Files.newInputStream(path)) {
          return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
      } catch (IOException e) {
        throw failure(operation, e);
      }
    });
  }

  /** {@code net.ipv4.ip_forward} → {@code /proc/sys/net/ipv4/ip_forward}; a key with '/' is taken as a path. */
  static Path pathOf(String key) {
    if (key == null) {
      throw new IllegalArgumentException("sysctl key is null");
    }
    String[] segments = key.contains("/") ? key.split("/", -1) : key.split("\\.", -1);
    if (segments.length < 2 || !segments[0].equals("net")) {
      throw new IllegalArgumentException("invalid sysctl key \"" + key + "\": only net.* keys are per namespace");
    }
    Path path = PROC_SYS;
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("invalid sysctl key \"" + key + "\": bad part \"" + segment + "\"");
      }
      path = path.resolve(segment);
    }
    return path;
  }

  private static RuntimeException failure(String operation, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new ErrnoException(operation, Errno.ENOENT.code());
    }
    if (e instanceof AccessDeniedException) {
      return new ErrnoException(operation, Errno.EACCES.code());
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("Invalid argument")) {
      return new ErrnoException(operation, Errno.EINVAL.code());
    }
    return new UncheckedIOException(operation, e);
  }
}
