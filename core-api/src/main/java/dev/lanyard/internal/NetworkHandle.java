package dev.lanyard.internal;

import dev.lanyard.Container;
import dev.lanyard.Endpoint;
import dev.lanyard.EndpointOptions;
import dev.lanyard.IpamConfig;
import dev.lanyard.Network;
import dev.lanyard.inspect.NetworkInspect;
import dev.lanyard.spi.PoolStatus;
import dev.lanyard.spi.Scope;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A {@link Network} by id: reads go to the controller's mirror of the store. */
final class NetworkHandle implements Network {
  private static final DateTimeFormatter RFC3339_NANO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX").withZone(ZoneOffset.UTC);

  private final Controller ctl;
  private final String id;

  NetworkHandle(Controller ctl, String id) {
    this.ctl = ctl;
    this.id = id;
  }

  private NetworkState state() {
    return ctl.networkState(id);
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
  public String driver() {
    return state().driver();
  }

  @Override
  public Scope scope() {
    return Scope.valueOf(state().scope().toUpperCase(Locale.ROOT));
  }

  @Override
  public Instant created() {
    return Instant.ofEpochMilli(state().createdMillis());
  }

  @Override
  public List<IpamConfig> ipamConfigs() {
    return Controller.toConfigs(state());
  }

  @Override
  public Map<String, String> options() {
    return state().options();
  }

  @Override
  public Map<String, String> labels() {
    return state().labels();
  }

  @Override
  public boolean internal() {
    return state().internal();
  }

  @Override
  public boolean attachable() {
    return state().attachable();
  }

  @Override
  public boolean ipv6Enabled() {
    return state().enableIpv6();
  }

  @Override
  public boolean configOnly() {
    return state().configOnly();
  }

  @Override
  public boolean predefined() {
    return state().predefined();
  }

  @Override
  public List<Endpoint> endpoints() {
    state();
    return ctl.endpointsOfNetwork(id).stream().filter(e -> e.phase() == Phase.ACTIVE).map(ctl::toEndpoint).toList();
  }

  @Override
  public Endpoint connect(Container container) {
    return connect(container, o -> {});
  }

  @Override
  public Endpoint connect(Container container, Consumer<EndpointOptions> options) {
    EndpointOptions o = new EndpointOptions();
    options.accept(o);
    return ctl.connect(id, container.id(), o);
  }

  @Override
  public void disconnect(Container container) {
    ctl.disconnect(id, container.id(), false);
  }

  @Override
  public void disconnect(String container, boolean force) {
    ctl.disconnect(id, container, force);
  }

  @Override
  public void remove() {
    ctl.removeNetwork(id);
  }

  @Override
  public NetworkInspect inspect() {
    NetworkState n = state();
    List<NetworkInspect.IpamConfigEntry> config = new ArrayList<>();
    Map<String, NetworkInspect.SubnetStatus> status = new LinkedHashMap<>();
    for (int i = 0; i < n.subnets().size(); i++) {
      SubnetState s = n.subnets().get(i);
      config.add(new NetworkInspect.IpamConfigEntry(s.subnet(), s.ipRange(), s.gateway(),
          s.auxiliaryAddresses().isEmpty() ? null : new LinkedHashMap<>(s.auxiliaryAddresses())));
      Optional<PoolStatus> st = ctl.ipam().has(n.ipamDriver()) ? ctl.ipam().status(id, i) : Optional.empty();
      st.ifPresent(p -> status.put(s.subnet(), new NetworkInspect.SubnetStatus(p.ipsInUse(), p.dynamicIpsAvailable())));
    }
    Map<String, NetworkInspect.ContainerEntry> members = new LinkedHashMap<>();
    for (EndpointState e : ctl.endpointsOfNetwork(id)) {
      if (e.phase() != Phase.ACTIVE) {
        continue;
      }
      members.put(e.containerId(), new NetworkInspect.ContainerEntry(e.containerName(), e.id(),
          e.macAddress() == null ? "" : e.macAddress(), e.ipv4() == null ? "" : e.ipv4(),
          e.ipv6() == null ? "" : e.ipv6()));
    }
    return new NetworkInspect(n.name(), n.id(), RFC3339_NANO.format(Instant.ofEpochMilli(n.createdMillis())),
        n.scope(), n.driver(), n.enableIpv4(), n.enableIpv6(),
        new NetworkInspect.Ipam(n.ipamDriver(), n.ipamOptions().isEmpty() ? null : n.ipamOptions(), config),
        n.internal(), n.attachable(), n.ingress(), new NetworkInspect.ConfigReference(
            n.configFrom() == null ? "" : n.configFrom()), n.configOnly(), members, n.options(), n.labels(),
        status.isEmpty() ? null : new NetworkInspect.Status(new NetworkInspect.IpamStatus(status)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkHandle h && h.id.equals(id) && h.ctl == ctl;
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    NetworkState n = ctl.networks.get(id);
    return "Network[" + (n == null ? "removed" : n.name()) + " " + id.substring(0, 12) + "]";
  }

}
