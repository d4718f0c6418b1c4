package dev.lanyard.spi;

import dev.lanyard.net.IpPrefix;
import java.net.InetAddress;
import java.util.List;

/**
 * The host's networks an automatically chosen pool must not overlap: on-link routes of the host
 * namespace (from netlink in production) and the nameservers of its resolv.conf.
 */
public interface HostFacts {
  List<IpPrefix> onLinkRoutes();

  List<InetAddress> nameservers();

  /** No routes, no nameservers: for tests and for hosts with nothing to avoid. */
  HostFacts NONE = new HostFacts() {
    @Override
    public List<IpPrefix> onLinkRoutes() {
      return List.of();
    }

    @Override
    public List<InetAddress> nameservers() {
      return List.of();
    }
  };
}
