package dev.lanyard.cli;

import dev.lanyard.Container;
import dev.lanyard.Endpoint;
import dev.lanyard.Network;
import dev.lanyard.Networks;
import dev.lanyard.resolver.DnsContainer;
import dev.lanyard.resolver.DnsEndpoint;
import dev.lanyard.resolver.DnsModel;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Translates the controller's model into the resolver's: every running container with its active endpoints
 * (network, addresses, network-scoped aliases, legacy links as alias → target). Endpoints on the predefined
 * networks are marked default-bridge, so, as in Docker, they get no embedded names. Also a digest of a model
 * that is the same in every process (sorted, no hash-order iteration), by which the CLI sees that the DNS
 * daemon serves what it just changed. Stateless.
 */
final class DnsModels {
  private DnsModels() {}

  static DnsModel of(Networks networks) {
    Map<String, Optional<Network>> byId = new LinkedHashMap<>();
    List<DnsContainer> containers = new ArrayList<>();
    for (Container c : networks.containers()) {
      if (!c.running()) {
        continue;
      }
      List<DnsEndpoint> endpoints = new ArrayList<>();
      for (Endpoint e : c.endpoints()) {
        if (!e.active() || (e.ipv4().isEmpty() && e.ipv6().isEmpty())) {
          continue;
        }
        Optional<Network> n = byId.computeIfAbsent(e.networkId(), networks::findNetwork);
        if (n.isEmpty()) {
          continue;
        }
        Map<String, String> links = new TreeMap<>();
        e.links().forEach((target, alias) -> links.put(alias, target));
        endpoints.add(new DnsEndpoint(n.get().name(), n.get().id(), n.get().internal(), n.get().predefined(),
            e.ipv4().map(p -> (Inet4Address) p.address()), e.ipv6().map(p -> (Inet6Address) p.address()),
            e.aliases(), links));
      }
      containers.add(new DnsContainer(c.id(), c.name(), c.hostname(), c.namespacePath(), endpoints));
    }
    return new DnsModel(containers);
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
