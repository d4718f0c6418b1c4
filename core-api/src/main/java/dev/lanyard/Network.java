package dev.lanyard;

import dev.lanyard.inspect.NetworkInspect;
import dev.lanyard.spi.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A network of a {@link Networks} controller: a handle by id. Getters read the controller's current state
 * (so they see changes made by other processes sharing the state directory) and throw
 * {@link NotFoundException} once the network is removed. Thread-safe; no method enters a namespace on the
 * caller's thread.
 *
 * <pre>{@code
 * try (Networks networks = Networks.builder().stateDirectory(dir).hostNamespace(ns).open()) {
 *   Network iso = networks.newNetwork("isolated_nw").subnet("172.25.0.0/16").create();
 *   Container c2 = networks.run("container2");
 *   iso.connect(c2, o -> o.ip("172.25.3.3").alias("app"));
 *   System.out.println(iso.inspect().json());
 *   iso.disconnect(c2);
 *   iso.remove();
 * }
 * }</pre>
 */
public interface Network {
  String id();

  String name();

  String driver();

  Scope scope();

  Instant created();

  List<IpamConfig> ipamConfigs();

  Map<String, String> options();

  Map<String, String> labels();

  boolean internal();

  boolean attachable();

  boolean ipv6Enabled();

  boolean configOnly();

  /** Whether this is one of the predefined networks {@code bridge}, {@code host}, {@code none}. */
  boolean predefined();

  /** Endpoints of running containers, in join order. */
  List<Endpoint> endpoints();

  /** {@code docker network connect NETWORK CONTAINER}. */
  Endpoint connect(Container container);

  /** {@code docker network connect --ip … --alias … --link … NETWORK CONTAINER}. */
  Endpoint connect(Container container, Consumer<EndpointOptions> options);

  /** {@code docker network disconnect NETWORK CONTAINER}. */
  void disconnect(Container container);

  /**
   * {@code docker network disconnect [-f] NETWORK CONTAINER} by container name or id; with {@code force}
   * an endpoint whose container is gone (a stale endpoint) is removed too.
   */
  void disconnect(String container, boolean force);

  /** {@code docker network inspect}. */
  NetworkInspect inspect();

  /** {@code docker network rm}. */
  void remove();
}
