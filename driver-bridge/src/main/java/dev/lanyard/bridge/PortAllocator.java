package dev.lanyard.bridge;

import dev.lanyard.ConflictException;
import dev.lanyard.UnavailableException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Host ports of published mappings, per protocol: a requested port must be free among Lanyard's own
 * bindings (the same port on {@code 0.0.0.0} and on a single address clash, as in Docker); port 0 takes the
 * next free port of the kernel's {@code net.ipv4.ip_local_port_range} after the last one given, wrapping, as
 * Docker's port allocator does. Thread-safe.
 */
final class PortAllocator {
  private static final String ANY = "0.0.0.0";

  private final int first;
  private final int last;
  /** "tcp/8080" → host addresses bound. */
  private final Map<String, Set<String>> bound = new HashMap<>();
  private int next;

  /** @param range the sysctl's text, e.g. {@code "32768\t60999"} */
  PortAllocator(String range) {
    String[] parts = range.trim().split("\\s+");
    this.first = Integer.parseInt(parts[0]);
    this.last = Integer.parseInt(parts[1]);
    this.next = first;
  }

  synchronized int allocate(String protocol, String hostIp, int port) {
    if (port != 0) {
      if (!free(protocol, hostIp, port)) {
        throw new ConflictException("Bind for " + hostIp + ":" + port + " failed: port is already allocated");
      }
      take(protocol, hostIp, port);
      return port;
    }
    for (int i = 0; i <= last - first; i++) {
      int candidate = next;
      next = next == last ? first : next + 1;
      if (free(protocol, hostIp, candidate)) {
        take(protocol, hostIp, candidate);
        return candidate;
      }
    }
    throw new UnavailableException("no free host port for " + protocol + " on " + hostIp + " in " + first + "-" + last);
  }

  synchronized void release(String protocol, String hostIp, int port) {
    Set<String> ips = bound.get(protocol + "/" + port);
    if (ips != null) {
      ips.remove(hostIp);
      if (ips.isEmpty()) {
        bound.remove(protocol + "/" + port);
      }
    }
  }

  private boolean free(String protocol, String hostIp, int port) {
    Set<String> ips = bound.get(protocol + "/" + port);
    return ips == null || (!hostIp.equals(ANY) && !ips.contains(ANY) && !ips.contains(hostIp));
  }

  private void take(String protocol, String hostIp, int port) {
    bound.computeIfAbsent(protocol + "/" + port, k -> new HashSet<>()).add(hostIp);
  }
}
