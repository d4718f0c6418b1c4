package dev.lanyard.internal;

import dev.lanyard.net.HostResolvConf;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.spi.HostFacts;
import dev.lanyard.netlink.LibC;
import dev.lanyard.netlink.rt.Route;
import dev.lanyard.netlink.rt.RtNetlink;
import dev.lanyard.netlink.rt.Rtnetlink;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host namespace's on-link routes (main table, no gateway, not on {@code lo}), dumped through an
 * rtnetlink socket opened inside it once and kept — entering the namespace again for every pool choice
 * (a fresh thread each time) cost more than the dump — and the nameservers of {@code /etc/resolv.conf}.
 * Read afresh on each call, since IPAM asks only when it chooses a pool. Thread-safe.
 */
final class NamespaceHostFacts implements HostFacts, AutoCloseable {
  private final Path hostNamespace;
  private RtNetlink rt;

  NamespaceHostFacts(Path hostNamespace) {
    this.hostNamespace = hostNamespace;
  }

  @Override
  public synchronized List<IpPrefix> onLinkRoutes() {
    if (rt == null) {
      try (NetNs ns = NetNs.open(hostNamespace)) {
        rt = RtNetlink.openIn(ns);
      }
    }
    int loopback = rt.link("lo").index();
    List<IpPrefix> out = new ArrayList<>();
    for (int family : new int[] {LibC.AF_INET, LibC.AF_INET6}) {
      for (Route r : rt.routes(family)) {
        if (r.table() == Rtnetlink.RT_TABLE_MAIN && r.type() == Rtnetlink.RTN_UNICAST && r.gateway() == null
            && r.outputIndex() != loopback && r.destination() != null && !everyLinkHas(r.destination())) {
          out.add(IpPrefix.of(r.destination(), r.prefixLength()));
        }
      }
    }
    return out;
  }

  /** Multicast and IPv6 link-local prefixes are on every link; they never clash with a pool. */
  private static boolean everyLinkHas(InetAddress destination) {
    return destination.isMulticastAddress() || (destination instanceof Inet6Address && destination.isLinkLocalAddress());
  }

  @Override
  public synchronized void close() {
    if (rt != null) {
      rt.close();
      rt = null;
    }
  }

  @Override
  public List<InetAddress> nameservers() {
    try {
      return HostResolvConf.read(HostResolvConf.SYSTEM).nameservers();
    } catch (UncheckedIOException e) {
      return List.of();
    }
  }
}
