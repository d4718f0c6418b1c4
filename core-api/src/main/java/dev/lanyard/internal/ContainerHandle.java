package dev.lanyard.internal;

import dev.lanyard.Container;
import dev.lanyard.Endpoint;
import dev.lanyard.ExecResult;
import dev.lanyard.inspect.ContainerInspect;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.PortMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** A {@link Container} by id: reads go to the controller's mirror of the store. */
final class ContainerHandle implements Container {
  private final Controller ctl;
  private final String id;

  ContainerHandle(Controller ctl, String id) {
    this.ctl = ctl;
    this.id = id;
  }

  private ContainerState state() {
    return ctl.containerState(id);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return state().name();
  }

  @Override
  public String hostname() {
    return state().hostname();
  }

  @Override
  public Path namespacePath() {
    return Path.of(state().namespacePath());
  }

  @Override
  public Optional<String> namespaceName() {
    return Containers.namespaceName(state());
  }

  @Override
  public boolean running() {
    return state().running();
  }

  @Override
  public List<Endpoint> endpoints() {
    state();
    return ctl.endpointsOfContainer(id).stream().map(ctl::toEndpoint).toList();
  }

  @Override
  public void start() {
    Containers.start(ctl, id);
  }

  @Override
  public void stop() {
    Containers.stop(ctl, id);
  }

  @Override
  public void remove() {
    Containers.remove(ctl, id);
  }

  @Override
  public ExecResult exec(String... command) {
    return Containers.exec(ctl, id, command);
  }

  @Override
  public <T> T call(Callable<T> task) {
    return Containers.call(ctl, id, task);
  }

  @Override
  public ContainerInspect inspect() {
    ContainerState c = state();
    Map<String, ContainerInspect.EndpointSettings> nets = new LinkedHashMap<>();
    Map<String, List<ContainerInspect.PortBinding>> ports = new LinkedHashMap<>();
    for (EndpointState e : ctl.endpointsOfContainer(id)) {
      NetworkState n = ctl.networks.get(e.networkId());
      if (n == null) {
        continue;
      }
      boolean active = e.phase() == Phase.ACTIVE;
      ContainerInspect.IpamSettings ipamSettings =
          e.requestedIpv4() == null && e.requestedIpv6() == null && e.linkLocalIps().isEmpty() ? null
              : new ContainerInspect.IpamSettings(e.requestedIpv4(), e.requestedIpv6(),
                  e.linkLocalIps().isEmpty() ? null : e.linkLocalIps().stream().map(p -> IpPrefix.parse(p).address()
                      .getHostAddress()).toList());
      List<String> links = new ArrayList<>();
      e.links().forEach((target, alias) -> links.add(target + ":" + alias));
      // the daemon's buildEndpointDNSNames: name, aliases, short id, hostname, without repeats
      java.util.Set<String> dnsNames = new java.util.LinkedHashSet<>();
      if (!n.predefined()) {
        dnsNames.add(c.name());
        dnsNames.addAll(e.aliases());
        dnsNames.add(id.substring(0, 12));
        dnsNames.add(c.hostname());
      }
      nets.put(n.name(), new ContainerInspect.EndpointSettings(ipamSettings, links.isEmpty() ? null : links,
          e.aliases().isEmpty() ? null : e.aliases(), active && e.macAddress() != null ? e.macAddress() : "",
          e.driverOptions().isEmpty() ? null : e.driverOptions(), e.gwPriority(), n.id(), active ? e.id() : "",
          text(e.gateway4()), address(e.ipv4()), length(e.ipv4()), text(e.gateway6()), address(e.ipv6()),
          length(e.ipv6()), dnsNames.isEmpty() ? null : List.copyOf(dnsNames)));
      for (PortMapping p : active ? e.boundPorts().stream().flatMap(b -> b.singles().stream()).toList() : List.<PortMapping>of()) {
        ports.computeIfAbsent(p.key(), k -> new ArrayList<>())
            .add(new ContainerInspect.PortBinding(p.hostIp(), Integer.toString(p.hostPort())));
      }
    }
    return new ContainerInspect(id, "/" + c.name(),
        new ContainerInspect.State(c.running() ? "running" : "exited", c.running()),
        new ContainerInspect.Config(c.hostname()),
        new ContainerInspect.NetworkSettings(c.namespacePath(), ports, nets));
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static String address(String cidr) {
    return cidr == null ? "" : IpPrefix.parse(cidr).address().getHostAddress();
  }

  private static int length(String cidr) {
    return cidr == null ? 0 : IpPrefix.parse(cidr).length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContainerHandle h && h.id.equals(id) && h.ctl == ctl;
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    ContainerState c = ctl.containers.get(id);
    return "Container[" + (c == null ? "removed" : c.name()) + " " + id.substring(0, 12) + "]";
  }
}
