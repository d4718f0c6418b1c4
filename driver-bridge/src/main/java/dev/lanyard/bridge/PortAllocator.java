package dev.lanyard.bridge;

import dev.lanyard.ConflictException;
import dev.lanyard.UnavailableException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Host ports of published mappings, per protocol, as Docker's port allocator keeps them: a port is taken per
 * host address, and the unspecified address of a family ({@code 0.0.0.0}, {@code ::}) clashes with every
 * address of that family. One mapping takes the same port(s) on all its addresses (Docker gives a mapping's
 * IPv4 and IPv6 bindings one port). Requests: a fixed port or range; one free port of a host range; or, for
 * host port 0, consecutive free ports of the kernel's {@code net.ipv4.ip_local_port_range}, searched from the
 * one after the last given, wrapping. Only Lanyard's own bindings are known here; ports other processes hold
 * are found when the socket is bound ({@link HostPortSockets}). Thread-safe.
 */
final class PortAllocator {
  private final int first;
  private final int last;
  /** "tcp/8080" → host addresses bound. */
  private final Map<String, Set<InetAddress>> bound = new HashMap<>();
  private int next;

  /** @param range the sysctl's text, e.g. {@code "32768\t60999"} */
  PortAllocator(String range) {
    String[] parts = range.trim().split("\\s+");
    this.first = Integer.parseInt(parts[0]);
    this.last = Integer.parseInt(parts[1]);
    this.next = first;
  }

  /**
   * Takes {@code count} consecutive ports on every address and returns the first.
   *
   * @param low  the requested (first) host port, 0 for any
   * @param high the end of the requested host range; equal to {@code low} for a fixed port, or, with
   *             {@code count} 1, the range to choose one port from
   */
  synchronized int allocate(String protocol, List<InetAddress> hostIps, int low, int high, int count) {
    if (low != 0 && (count > 1 || low == high)) {
      for (int p = low; p < low + count; p++) {
        for (InetAddress ip : hostIps) {
          if (!free(protocol, ip, p)) {
            throw new ConflictException("Bind for " + ip.getHostAddress() + ":" + p + " failed: port is already allocated");
          }
        }
      }
      take(protocol, hostIps, low, count);
      return low;
    }
    if (low != 0) {
      for (int p = low; p <= high; p++) {
        if (free(protocol, hostIps, p, 1)) {
          take(protocol, hostIps, p, 1);
          return p;
        }
      }
      throw new UnavailableException("all ports are allocated");
    }
    int span = last - first + 1;
    for (int i = 0; i < span; i++) {
      int candidate = next;
      next = next == last ? first : next + 1;
      if (candidate + count - 1 <= last && free(protocol, hostIps, candidate, count)) {
        take(protocol, hostIps, candidate, count);
        next = candidate + count > last ? first : candidate + count;
        return candidate;
      }
    }
    throw new UnavailableException("no free host port for " + protocol + " in " + first + "-" + last);
  }

  synchronized void release(String protocol, List<InetAddress> hostIps, int port, int count) {
    for (int p = port; p < port + count; p++) {
      Set<InetAddress> ips = bound.get(protocol + "/" + p);
      if (ips != null) {
        hostIps.forEach(ips::remove);
        if (ips.isEmpty()) {
          bound.remove(protocol + "/" + p);
        }
      }
    }
  }

  private boolean free(String protocol, List<InetAddress> hostIps, int port, int count) {
    for (int p = port; p < port + count; p++) {
      for (InetAddress ip : hostIps) {
        if (!free(protocol, ip, p)) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean free(String protocol, InetAddress hostIp, int port) {
    Set<InetAddress> ips = bound.get(protocol + "/" + port);
    if (ips == null) {
      return true;
    }
    for (InetAddress other : ips) {
      boolean sameFamily = (other instanceof Inet4Address) == (hostIp instanceof Inet4Address);
      if (other.equals(hostIp) || (sameFamily && (other.isAnyLocalAddress() || hostIp.isAnyLocalAddress()))) {
        return false;
      }
    }
    return true;
  }

  private void take(String protocol, List<InetAddress> hostIps, int port, int count) {
    for (int p = port; p < port + count; p++) {
      bound.computeIfAbsent(protocol + "/" + p, k -> new HashSet<>()).addAll(hostIps);
    }
  }
}
