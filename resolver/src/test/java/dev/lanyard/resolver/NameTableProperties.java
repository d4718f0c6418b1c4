package dev.lanyard.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The compiled name table against a plain reference of Docker's lookup: for the asking container, its
 * user-defined networks in join order; on each, its own link aliases first (naming only their target),
 * then every name of every container on that network (name, short id, hostname, aliases, each also as
 * {@code name.network}); the first network that knows the name answers with all its addresses.
 */
class NameTableProperties {
  private static final String[] NETWORKS = {"n1", "n2", "n3", "bridge"};

  @Property(tries = 500)
  void everyContainerSeesExactlyWhatDockersLookupGives(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    DnsModel model = randomModel(random);
    NameTable table = NameTable.compile(model);
    List<String> probes = probes(model);
    for (DnsContainer asker : model.containers()) {
      ContainerView view = table.view(asker.id());
      assertThat(view != null).isEqualTo(asker.hasEmbeddedDns());
      if (view == null) {
        continue;
      }
      for (String probe : probes) {
        for (String asked : List.of(probe, probe.toUpperCase(Locale.ROOT))) {
          NameEntry entry = view.find(DnsNames.wire(asked));
          assertThat(addresses(entry)).as("%s asks %s", asker.name(), asked).isEqualTo(reference(model, asker, probe));
        }
      }
    }
  }

  private static Set<InetAddress> addresses(NameEntry entry) throws Exception {
    Set<InetAddress> out = new HashSet<>();
    if (entry != null) {
      for (int i = 0; i < entry.ipv4Count(); i++) {
        out.add(InetAddress.getByAddress(Arrays.copyOfRange(entry.ipv4(), i * 4, i * 4 + 4)));
      }
    }
    return out;
  }

  private static Set<InetAddress> reference(DnsModel model, DnsContainer asker, String name) {
    String q = name.toLowerCase(Locale.ROOT);
    for (DnsEndpoint ep : asker.endpoints()) {
      if (ep.defaultBridge()) {
        continue;
      }
      String linked = null;
      for (Map.Entry<String, String> link : ep.links().entrySet()) {
        if (link.getKey().equalsIgnoreCase(q)) {
          linked = link.getValue().toLowerCase(Locale.ROOT);
        }
      }
      Set<InetAddress> found = onNetwork(model, ep.networkId(), linked != null ? linked : q);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return Set.of();
  }

  private static Set<InetAddress> onNetwork(DnsModel model, String networkId, String q) {
    Set<InetAddress> found = new HashSet<>();
    for (DnsContainer c : model.containers()) {
      for (DnsEndpoint e : c.endpoints()) {
        if (e.networkId().equals(networkId) && !e.defaultBridge() && namesOf(c, e).contains(q)) {
          e.ipv4().ifPresent(found::add);
        }
      }
    }
    return found;
  }

  private static Set<String> namesOf(DnsContainer c, DnsEndpoint e) {
    Set<String> plain = new HashSet<>();
    plain.add(c.name());
    plain.add(c.shortId());
    if (!c.hostname().isEmpty()) {
      plain.add(c.hostname());
    }
    plain.addAll(e.aliases());
    Set<String> all = new HashSet<>();
    for (String n : plain) {
      all.add(n.toLowerCase(Locale.ROOT));
      all.add((n + "." + e.networkName()).toLowerCase(Locale.ROOT));
    }
    return all;
  }

  private static List<String> probes(DnsModel model) {
    Set<String> probes = new HashSet<>(List.of("svc", "db", "ln", "nobody", "svc.n1", "c1.n2", "c2.n3", "x.c1"));
    for (DnsContainer c : model.containers()) {
      probes.add(c.name());
      probes.add(c.shortId());
      for (DnsEndpoint e : c.endpoints()) {
        probes.add(c.name() + "." + e.networkName());
        probes.addAll(e.links().keySet());
      }
    }
    List<String> sorted = new ArrayList<>(probes);
    Collections.sort(sorted);
    return sorted;
  }

  private static DnsModel randomModel(Random random) {
    List<DnsContainer> containers = new ArrayList<>();
    int count = 1 + random.nextInt(6);
    for (int i = 1; i <= count; i++) {
      List<String> networks = new ArrayList<>(List.of(NETWORKS));
      Collections.shuffle(networks, random);
      List<DnsEndpoint> endpoints = new ArrayList<>();
      for (String net : networks.subList(0, random.nextInt(NETWORKS.length + 1))) {
        List<String> aliases = new ArrayList<>();
        for (String a : List.of("svc", "db", "C1")) {
          if (random.nextInt(3) == 0) {
            aliases.add(a);
          }
        }
        Map<String, String> links = new HashMap<>();
        if (random.nextInt(3) == 0) {
          links.put(random.nextBoolean() ? "ln" : "Svc", "c" + (1 + random.nextInt(7))); // c7 never exists
        }
        int netIndex = Arrays.asList(NETWORKS).indexOf(net);
        endpoints.add(new DnsEndpoint(net, "id-" + net, false, net.equals("bridge"),
            Optional.of(Models.v4("10." + netIndex + ".0." + i)), Optional.empty(), aliases, links));
      }
      String hostname = List.of("", "h" + i, "shared").get(random.nextInt(3));
      containers.add(new DnsContainer(Models.idOf("c" + i), "c" + i, hostname, Path.of("/run/netns/c" + i), endpoints));
    }
    return new DnsModel(containers);
  }
}
