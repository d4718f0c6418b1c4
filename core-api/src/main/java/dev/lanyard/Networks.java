package dev.lanyard;

import dev.lanyard.internal.Controller;
import dev.lanyard.internal.ControllerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A network controller: Docker's {@code docker network} commands over one host namespace and one state
 * directory, like dockerd's libnetwork controller. Several controllers (also in other processes) may share
 * a state directory; the store serialises their changes and each sees the others' within 100 ms.
 *
 * <pre>{@code
 * try (Networks networks = Networks.builder()
 *     .stateDirectory(Path.of("/tmp/lanyard"))
 *     .hostNamespace(Path.of("/run/netns/scratch"))
 *     .open()) {
 *   Network iso = networks.newNetwork("isolated_nw").driver("bridge").subnet("172.25.0.0/16").create();
 *   Container c3 = networks.run("container3", o -> o.network("isolated_nw", e -> e.ip("172.25.3.3")));
 *   networks.list(NetworkFilter.driver("bridge")).forEach(n -> System.out.println(n.name()));
 *   networks.remove("isolated_nw");   // refused while container3 is attached
 * }
 * // the one-liner, on the shared default controller:
 * Networks.create("isolated_nw").subnet("172.25.0.0/16").connect(container);
 * }</pre>
 *
 * <p>Threads: every method is thread-safe and may block on the store or the kernel; none changes the
 * calling thread's namespace. Event listeners run on one daemon thread per controller ({@link #subscribe}).
 * {@link #open()} reconciles the store with the kernel (see {@code ARCHITECTURE.md}).
 */
public interface Networks extends AutoCloseable {
  /** Where {@link #open()} keeps its state. */
  Path DEFAULT_STATE_DIRECTORY = Path.of("/var/lib/lanyard");

  /** System property overriding the default state directory (of {@link #open()} and {@link #shared()}). */
  String STATE_DIRECTORY_PROPERTY = "lanyard.stateDirectory";

  /** System property overriding the default host namespace (this process's own). */
  String HOST_NAMESPACE_PROPERTY = "lanyard.hostNamespace";

  /** System property overriding the default namespace prefix (none). */
  String NAMESPACE_PREFIX_PROPERTY = "lanyard.namespacePrefix";

  /**
   * A controller over this process's namespace and {@link #DEFAULT_STATE_DIRECTORY} (or what the
   * {@code lanyard.*} system properties say).
   */
  static Networks open() {
    return builder().open();
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * The shared default controller of this JVM ({@link #open()}'s settings), opened on first use and closed
   * by a shutdown hook.
   */
  static Networks shared() {
    return Controller.shared();
  }

  /** {@code docker network create NAME} on the {@link #shared()} controller: the one-liner. */
  static NetworkBuilder create(String name) {
    return shared().newNetwork(name);
  }

  /** {@code docker network create NAME}: a builder; nothing happens before its {@code create()}. */
  NetworkBuilder newNetwork(String name);

  /** Looks a network up by full id, exact name, then unique id prefix. */
  Network network(String idOrName);

  Optional<Network> findNetwork(String idOrName);

  /** {@code docker network ls}. */
  List<Network> list();

  /** {@code docker network ls -f …}. */
  List<Network> list(NetworkFilter filter);

  /**
   * {@code docker network rm NET…}: removes each; one failing does not stop the others; the first failure
   * is thrown with the rest suppressed.
   */
  void remove(String... idOrNames);

  /** {@code docker network prune -f [--filter …]}: removes unused user networks; returns their names. */
  List<String> prune(NetworkFilter filter);

  /** A new container joined to the default network (see {@link ContainerOptions}). */
  Container run(String name);

  Container run(String name, Consumer<ContainerOptions> options);

  /** Adopts an existing namespace (a path such as {@code /run/netns/x} or {@code /proc/PID/ns/net}). */
  Container adopt(String name, Path namespace);

  /** Adopts the namespace of a running process. */
  Container adoptPid(String name, long pid);

  /** Looks a container up by full id, exact name, then unique id prefix. */
  Container container(String idOrName);

  Optional<Container> findContainer(String idOrName);

  List<Container> containers();

  /**
   * Listens to network and container lifecycle events of this controller and of every other process on
   * the same state directory, in commit order, on the controller's event thread.
   */
  Subscription subscribe(Consumer<Event> listener);

  Path stateDirectory();

  Path hostNamespace();

  /** Stops event delivery, closes services, drivers and the store. Containers and networks stay. */
  @Override
  void close();

  /** Settings of a controller; {@link #open()} opens it. Not thread-safe. */
  final class Builder {
    private Path stateDirectory = Path.of(System.getProperty(STATE_DIRECTORY_PROPERTY, DEFAULT_STATE_DIRECTORY.toString()));
    private Path hostNamespace = Path.of(System.getProperty(HOST_NAMESPACE_PROPERTY, "/proc/self/ns/net"));
    private String namespacePrefix = System.getProperty(NAMESPACE_PREFIX_PROPERTY, "");
    private String store = "sqlite";
    private final Map<String, String> defaultBridgeOptions = new LinkedHashMap<>();

    private Builder() {}

    /** Where the store and drivers keep their files (created if missing). */
    public Builder stateDirectory(Path directory) {
      this.stateDirectory = Objects.requireNonNull(directory, "stateDirectory");
      return this;
    }

    /** The namespace every host-side object goes into, e.g. {@code /run/netns/scratch}. */
    public Builder hostNamespace(Path namespace) {
      this.hostNamespace = Objects.requireNonNull(namespace, "hostNamespace");
      return this;
    }

    /** Prefixes the {@code /run/netns} names of containers the controller creates. */
    public Builder namespacePrefix(String prefix) {
      if (prefix == null || !prefix.matches("[a-zA-Z0-9_.-]*")) {
        throw new InvalidParameterException("invalid namespace prefix: \"" + prefix + "\"");
      }
      this.namespacePrefix = prefix;
      return this;
    }

    /** The {@link dev.lanyard.spi.StoreProvider} by name; default {@code sqlite}. */
    public Builder store(String providerName) {
      this.store = Objects.requireNonNull(providerName, "store");
      return this;
    }

    /**
     * An option of the predefined {@code bridge} network, as dockerd's daemon settings give them, e.g.
     * {@code com.docker.network.bridge.enable_icc=false} for {@code dockerd --icc=false}; it replaces Docker's
     * default for that key. Applied when this controller creates the network (the first open of a state
     * directory); a {@code bridge} network already in the store keeps its options.
     */
    public Builder defaultBridgeOption(String key, String value) {
      if (key == null || key.isBlank()) {
        throw new InvalidParameterException("invalid default bridge option key: \"" + key + "\"");
      }
      defaultBridgeOptions.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Opens the controller: loads the store, reconciles, creates the predefined networks. */
    public Networks open() {
      return Controller.open(
          new ControllerConfig(stateDirectory, hostNamespace, namespacePrefix, store, defaultBridgeOptions));
    }
  }
}
