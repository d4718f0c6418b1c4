package dev.lanyard.resolver.service;

import dev.lanyard.Container;
import dev.lanyard.Endpoint;
import dev.lanyard.Network;
import dev.lanyard.Networks;
import dev.lanyard.NotFoundException;
import dev.lanyard.resolver.DnsContainer;
import dev.lanyard.resolver.DnsEndpoint;
import dev.lanyard.resolver.DnsModel;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The resolver's view of a controller: every running container (sorted by id, so equal controller
 * states give equal models) with its active endpoints in join order. The predefined {@code bridge}
 * network is the default bridge (no embedded names); endpoints on the other predefined networks
 * ({@code host}, {@code none}) give no DNS at all. Links become alias → target container name. A
 * container the resolver cannot take (a name or value DNS cannot carry, a namespace already served for
 * another container) is left out and handed to the caller's {@code skipped}, so one bad container never
 * blocks the others. Stateless; reads the model through the public API, so it sees other processes'
 * changes as the controller does.
 *
 * <pre>{@code
 * DnsModel model = ControllerDnsModel.of(networks, (container, why) -> log.warning(why.getMessage()));
 * }</pre>
 */
public final class ControllerDnsModel {
  private static final String DEFAULT_BRIDGE = "bridge";

  private ControllerDnsModel() {}

  /** The model of {@code networks} now; containers the resolver cannot take are dropped silently. */
  public static DnsModel of(Networks networks) {
    return of(networks, (name, why) -> { });
  }

  /** The model of {@code networks} now; {@code skipped} gets each container left out (by name) and why. */
  public static DnsModel of(Networks networks, BiConsumer<String, IllegalArgumentException> skipped) {
    Map<String, Optional<Network>> networksById = new HashMap<>();
    List<DnsContainer> candidates = new ArrayList<>();
    List<Container> containers = new ArrayList<>(networks.containers());
    containers.sort(Comparator.comparing(Container::id));
    for (Container c : containers) {
      try {
        if (c.running()) {
          candidates.add(container(c, networks, networksById));
        }
      } catch (NotFoundException removedMeanwhile) {
        // removed by another thread or process while we read: the next event brings the model without it
      } catch (IllegalArgumentException e) {
        skipped.accept(c.name(), e);
      }
    }
    return DnsModel.admitting(candidates, (c, why) -> skipped.accept(c.name(), why));
  }

  private static DnsContainer container(Container c, Networks networks, Map<String, Optional<Network>> byId) {
    List<DnsEndpoint> endpoints = new ArrayList<>();
    for (Endpoint e : c.endpoints()) {
      Optional<Network> found = e.active() ? byId.computeIfAbsent(e.networkId(), networks::findNetwork) : Optional.empty();
      if (found.isEmpty()) {
        continue;
      }
      Network n = found.get();
      boolean defaultBridge = n.predefined() && n.name().equals(DEFAULT_BRIDGE);
      if (n.predefined() && !defaultBridge) {
        continue;
      }
      Map<String, String> links = new LinkedHashMap<>();
      e.links().forEach((target, alias) -> links.put(alias, target));
      endpoints.add(new DnsEndpoint(n.name(), n.id(), n.internal(), defaultBridge,
          e.ipv4().map(p -> (Inet4Address) p.address()), e.ipv6().map(p -> (Inet6Address) p.address()),
          e.aliases(), links));
    }
    return new DnsContainer(c.id(), c.name(), c.hostname(), c.namespacePath(), endpoints);
  }
}
