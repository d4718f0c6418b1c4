package dev.lanyard.resolver;

import dev.lanyard.resolver.NameIndex.ByteArrayKey;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;

/**
 * The resolver's names, computed once per {@link DnsModel} and never changed: one {@link NameIndex} per
 * user-defined network (container names, short ids, hostnames and aliases, each also as
 * {@code name.network}, plus reverse names) and one {@link ContainerView} per served container, which
 * adds that container's link aliases. The server swaps whole tables, so readers never lock.
 */
final class NameTable {
  static final NameTable EMPTY = compile(DnsModel.EMPTY);

  private final DnsModel model;
  private final Map<String, ContainerView> views;

  private NameTable(DnsModel model, Map<String, ContainerView> views) {
    this.model = model;
    this.views = views;
  }

  DnsModel model() {
    return model;
  }

  /** The view of the container with this id, or null if it is not served. */
  ContainerView view(String containerId) {
    return views.get(containerId);
  }

  static NameTable compile(DnsModel model) {
    Map<String, NetworkNames> networks = new LinkedHashMap<>();
    for (DnsContainer c : model.containers()) {
      for (DnsEndpoint ep : c.endpoints()) {
        if (!ep.defaultBridge()) {
          networks.computeIfAbsent(ep.networkId(), id -> new NetworkNames()).add(c, ep);
        }
      }
    }
    Map<String, NameIndex> indexes = new HashMap<>();
    networks.forEach((id, names) -> indexes.put(id, names.index()));
    Map<String, ContainerView> views = new HashMap<>();
    for (DnsContainer c : model.containers()) {
      if (!c.hasEmbeddedDns()) {
        continue;
      }
      var userEndpoints = c.endpoints().stream().filter(e -> !e.defaultBridge()).toList();
      NameIndex[] own = new NameIndex[userEndpoints.size()];
      NameIndex[] links = new NameIndex[userEndpoints.size()];
      for (int i = 0; i < own.length; i++) {
        DnsEndpoint ep = userEndpoints.get(i);
        own[i] = indexes.get(ep.networkId());
        links[i] = linkIndex(ep, own[i]);
      }
      views.put(c.id(), new ContainerView(own, links, c.mayForward()));
    }
    return new NameTable(model, Map.copyOf(views));
  }

  /**
   * Link aliases point at the target's entry on that network. A missing target is recorded as such (the
   * alias then resolves on no network, as in Docker) and resolves once it appears (next table).
   */
  private static NameIndex linkIndex(DnsEndpoint ep, NameIndex network) {
    if (ep.links().isEmpty()) {
      return NameIndex.EMPTY;
    }
    Map<ByteArrayKey, NameEntry> entries = new HashMap<>();
    ep.links().forEach((alias, target) -> {
      NameEntry entry = network.find(DnsNames.wire(target));
      entries.put(new ByteArrayKey(DnsNames.wire(alias)), entry == null ? NameEntry.MISSING_TARGET : entry);
    });
    return new NameIndex(entries);
  }

  /** The names of one network while it is being built. */
  private static final class NetworkNames {
    private final Map<String, ByteArrayOutputStream[]> addresses = new LinkedHashMap<>();
    private final Map<String, Name> reverse = new LinkedHashMap<>();

    void add(DnsContainer c, DnsEndpoint ep) {
      Set<String> names = new LinkedHashSet<>();
      names.add(c.name());
      names.add(c.shortId());
      if (c.hostname() != null && !c.hostname().isEmpty()) {
        names.add(c.hostname());
      }
      names.addAll(ep.aliases());
      for (String n : names) {
        put(n, ep);
        put(n + "." + ep.networkName(), ep);
      }
      Name target = pointerTarget(c.name(), ep.networkName());
      ep.ipv4().ifPresent(a -> reverse.putIfAbsent(reverseKey(a), target));
      ep.ipv6().ifPresent(a -> reverse.putIfAbsent(reverseKey(a), target));
    }

    private void put(String name, DnsEndpoint ep) {
      ByteArrayOutputStream[] rdata = addresses.computeIfAbsent(name.toLowerCase(Locale.ROOT),
          k -> new ByteArrayOutputStream[] {new ByteArrayOutputStream(), new ByteArrayOutputStream()});
      ep.ipv4().ifPresent(a -> rdata[0].writeBytes(a.getAddress()));
      ep.ipv6().ifPresent(a -> rdata[1].writeBytes(a.getAddress()));
    }

    NameIndex index() {
      Map<ByteArrayKey, NameEntry> entries = new HashMap<>();
      addresses.forEach((name, rdata) -> entries.put(new ByteArrayKey(DnsNames.wire(name)),
          new NameEntry(rdata[0].toByteArray(), rdata[1].toByteArray(), null)));
      byte[] none = new byte[0];
      reverse.forEach((name, target) -> entries.putIfAbsent(new ByteArrayKey(DnsNames.wire(name)),
          new NameEntry(none, none, target)));
      return new NameIndex(entries);
    }

    private static String reverseKey(InetAddress address) {
      String s = ReverseMap.fromAddress(address).toString(true);
      return s.toLowerCase(Locale.ROOT);
    }

    private static Name pointerTarget(String container, String network) {
      try {
        return Name.fromString(container + "." + network + ".");
      } catch (TextParseException e) {
        throw new IllegalArgumentException("container \"" + container + "\" on network \"" + network
            + "\" gives no valid DNS name", e);
      }
    }
  }
}
