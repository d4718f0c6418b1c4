package dev.lanyard.cli;

import dev.lanyard.Networks;
import dev.lanyard.resolver.DnsContainer;
import dev.lanyard.resolver.DnsEndpoint;
import dev.lanyard.resolver.DnsModel;
import dev.lanyard.resolver.service.ControllerDnsModel;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The DNS model of the controller (the resolver module's {@link ControllerDnsModel}) and a digest of a model
 * that is the same in every process (sorted, no hash-order iteration), by which the CLI sees that the DNS
 * daemon serves what it just changed. Stateless.
 */
final class DnsModels {
  private DnsModels() {}

  /** The model the DNS daemon must serve: the resolver module's own translation of the controller. */
  static DnsModel of(Networks networks) {
    return ControllerDnsModel.of(networks);
  }

  /** SHA-256 of a canonical text of the model: equal models give equal digests in every JVM. */
  static String digest(DnsModel model) {
    StringBuilder b = new StringBuilder();
    model.containers().stream().sorted(Comparator.comparing(DnsContainer::id)).forEach(c -> {
      b.append(c.id()).append(' ').append(c.name()).append(' ').append(c.hostname()).append(' ').append(c.netns())
          .append('\n');
      for (DnsEndpoint e : c.endpoints()) {
        b.append("  ").append(e.networkId()).append(' ').append(e.networkName()).append(' ').append(e.internal())
            .append(' ').append(e.defaultBridge()).append(' ').append(e.ipv4().map(Inet4Address::getHostAddress).orElse("-"))
            .append(' ').append(e.ipv6().map(Inet6Address::getHostAddress).orElse("-"))
            .append(' ').append(e.aliases().stream().sorted().toList())
            .append(' ').append(new TreeMap<>(e.links())).append('\n');
      }
    });
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
