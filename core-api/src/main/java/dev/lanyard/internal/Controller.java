package dev.lanyard.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.ConflictException;
import dev.lanyard.Container;
import dev.lanyard.ContainerOptions;
import dev.lanyard.Endpoint;
import dev.lanyard.EndpointOptions;
import dev.lanyard.Event;
import dev.lanyard.ForbiddenException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.IpamConfig;
import dev.lanyard.Network;
import dev.lanyard.NetworkBuilder;
import dev.lanyard.NetworkException;
import dev.lanyard.NetworkFilter;
import dev.lanyard.NetworkRequest;
import dev.lanyard.Networks;
import dev.lanyard.NotFoundException;
import dev.lanyard.Subscription;
import dev.lanyard.UnavailableException;
import dev.lanyard.net.ContainerResolvConf;
import dev.lanyard.net.HostResolvConf;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.EndpointSpec;
import dev.lanyard.spi.IpamContext;
import dev.lanyard.spi.IpamDriverProvider;
import dev.lanyard.spi.JoinResult;
import dev.lanyard.spi.NetworkDriver;
import dev.lanyard.spi.NetworkDriverProvider;
import dev.lanyard.spi.NetworkService;
import dev.lanyard.spi.NetworkServiceProvider;
import dev.lanyard.spi.NetworkSpec;
import dev.lanyard.spi.PortMapping;
import dev.lanyard.spi.PortPublisher;
import dev.lanyard.spi.SandboxSpec;
import dev.lanyard.spi.Scope;
import dev.lanyard.spi.Store;
import dev.lanyard.spi.StoreChange;
import dev.lanyard.spi.StoreProvider;
import dev.lanyard.spi.StoreTransaction;
import dev.lanyard.spi.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The controller behind {@link Networks}. The store is the truth; this class keeps a mirror of it in
 * memory (maps by id) and in the IPAM drivers, brought up to date from the store's change log at the start
 * of every write transaction and whenever another connection committed. Every operation is: validate →
 * record an intent (a transitional {@link Phase}) → apply to the kernel through the driver → commit the
 * final state; a failure undoes the kernel work and restores the store, a crash leaves the intent for
 * {@link #reconcile} at the next open.
 */
public final class Controller implements Networks {
  private static final Logger LOG = Logger.getLogger(Controller.class.getName());
  static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");
  private static final long WATCH_INTERVAL_NANOS = 10_000_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static volatile Controller shared;

  private final ControllerConfig config;
  private final DriverContext driverContext;
  private final Store store;
  private final Providers<NetworkDriverProvider> driverProviders;
  private final Map<String, NetworkDriver> drivers = new LinkedHashMap<>();
  private final IpamBook ipam;
  private final NamespaceHostFacts hostFacts;
  private final ReentrantLock lock = new ReentrantLock();
  final Map<String, NetworkState> networks = new ConcurrentHashMap<>();
  final Map<String, EndpointState> endpoints = new ConcurrentHashMap<>();
  final Map<String, ContainerState> containers = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> endpointsByNetwork = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> endpointsByContainer = new ConcurrentHashMap<>();
  /** Endpoints by network id and container name: libnetwork's endpoint names, unique per network. */
  private final Map<String, Set<String>> endpointsByName = new ConcurrentHashMap<>();
  private long sequence;
  /** The predefined {@code bridge}'s id, once known: legacy links are looked up on it on every file rewrite. */
  private volatile String defaultBridgeId;
  private final EventDispatcher events = new EventDispatcher();
  private final List<NetworkService> services = new ArrayList<>();
  private final Thread watcher;
  private volatile boolean closed;

  private Controller(ControllerConfig config) {
    this.config = config;
    this.driverContext = new DriverContext(config.hostNamespace(), config.stateDirectory(), config.namespacePrefix());
    try {
      Files.createDirectories(config.stateDirectory());
    } catch (IOException e) {
      throw new UnavailableException("cannot create state directory " + config.stateDirectory() + ": " + e, e);
    }
    if (!Files.exists(config.hostNamespace())) {
      throw new NotFoundException("host namespace " + config.hostNamespace() + " not found");
    }
    Providers<StoreProvider> stores = new Providers<>(StoreProvider.class, StoreProvider::name);
    StoreProvider storeProvider = stores.byName.get(config.store());
    if (storeProvider == null) {
      throw new NotFoundException("store \"" + config.store() + "\" not found" + stores.brokenNote());
    }
    this.store = storeProvider.open(config.stateDirectory());
    this.driverProviders = new Providers<>(NetworkDriverProvider.class, NetworkDriverProvider::name);
    this.hostFacts = new NamespaceHostFacts(config.hostNamespace());
    this.ipam = new IpamBook(new Providers<>(IpamDriverProvider.class, IpamDriverProvider::name),
        new IpamContext(hostFacts, List.of(), List.of(), hostId()));
    this.watcher = new Thread(this::watch, "lanyard-store-watch");
    this.watcher.setDaemon(true);
  }

  /** Opens a controller: load, reconcile, predefined networks, services. */
  public static Controller open(ControllerConfig config) {
    Controller c = new Controller(config);
    try {
      c.loadDrivers();
      c.write(tx -> null); // loads the whole store into the mirror
      c.reconcile();
      c.createPredefined();
      c.watcher.start();
      c.startServices();
      return c;
    } catch (RuntimeException e) {
      try {
        c.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** The JVM's shared default controller, opened with {@link Networks#open()}'s settings on first use. */
  public static Networks shared() {
    Controller c = shared;
    if (c == null || c.closed) {
      synchronized (Controller.class) {
        c = shared;
        if (c == null || c.closed) {
          c = (Controller) Networks.builder().open();
          Controller opened = c;
          Runtime.getRuntime().addShutdownHook(new Thread(opened::close, "lanyard-shared-close"));
          shared = c;
        }
      }
    }
    return c;
  }

  private String hostId() {
    try {
      return Files.readString(Path.of("/etc/machine-id")).trim();
    } catch (IOException e) {
      return config.stateDirectory().toString();
    }
  }

  private void loadDrivers() {
    driverProviders.broken.forEach((cls, why) -> LOG.warning("network driver provider " + cls + " is broken: " + why));
    driverProviders.byName.forEach((name, provider) -> {
      try {
        drivers.put(name, provider.create(driverContext));
      } catch (RuntimeException e) {
        driverProviders.broken.put(name, String.valueOf(e.getMessage()));
        LOG.warning("network driver " + name + " failed to start: " + e);
      }
    });
  }

  private void startServices() {
    Providers<NetworkServiceProvider> providers = new Providers<>(NetworkServiceProvider.class, NetworkServiceProvider::name);
    providers.broken.forEach((cls, why) -> LOG.warning("network service provider " + cls + " is broken: " + why));
    providers.byName.forEach((name, provider) -> {
      try {
        services.add(provider.create(this, driverContext));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "network service " + name + " failed to start", e);
      }
    });
  }

  NetworkDriver driver(String name) {
    NetworkDriver d = drivers.get(name);
    if (d == null) {
      String why = driverProviders.broken.get(name);
      // the daemon's plugin lookup error (a driver it does not have built in is a plugin there)
      throw new NotFoundException("plugin \"" + name + "\" not found"
          + (why != null ? ": " + why : driverProviders.brokenNote()));
    }
    return d;
  }

  // ---------------------------------------------------------------- store mirror

  /** A write transaction: staged objects and events, applied to the mirror after commit; undo on failure. */
  final class Tx {
    private final StoreTransaction st;
    private final List<Object[]> staged = new ArrayList<>();
    private final List<Event> published = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();

    Tx(StoreTransaction st) {
      this.st = st;
    }

    void put(String kind, String id, Object state) {
      st.put(new StoredObject(kind, id, toJson(state)));
      staged.add(new Object[] {kind, id, state});
    }

    void delete(String kind, String id) {
      st.delete(kind, id);
      staged.add(new Object[] {kind, id, null});
    }

    void publish(Event e) {
      st.publish(toJson(EventDocument.of(e)));
      published.add(e);
    }

    void onRollback(Runnable r) {
      undo.add(r);
    }
  }

  <T> T write(Function<Tx, T> body) {
    lock.lock();
    List<Event> foreign = new ArrayList<>();
    Tx[] holder = new Tx[1];
    long[] ownLast = new long[1];
    try {
      T result = store.write(st -> {
        catchUp(st, foreign);
        holder[0] = new Tx(st);
        T r = body.apply(holder[0]);
        ownLast[0] = st.lastSequence();
        return r;
      });
      // The catch-up saw every entry before ours, and no one else could write while we held the write lock:
      // the next catch-up starts after our own entries instead of reading them back to skip them.
      sequence = ownLast[0];
      for (Object[] s : holder[0].staged) {
        apply((String) s[0], (String) s[1], s[2]);
      }
      events.dispatch(foreign);
      events.dispatch(holder[0].published);
      return result;
    } catch (RuntimeException e) {
      events.dispatch(foreign);
      if (holder[0] != null) {
        for (int i = holder[0].undo.size() - 1; i >= 0; i--) {
          try {
            holder[0].undo.get(i).run();
          } catch (RuntimeException cleanup) {
            e.addSuppressed(cleanup);
          }
        }
      }
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** Brings the mirror up to date if another connection committed; cheap when nothing changed. */
  void refresh() {
    if (closed || !store.changedByOthers()) {
      return;
    }
    lock.lock();
    try {
      List<Event> foreign = new ArrayList<>();
      store.read(st -> {
        catchUp(st, foreign);
        return null;
      });
      events.dispatch(foreign);
    } finally {
      lock.unlock();
    }
  }

  private void catchUp(StoreTransaction st, List<Event> foreign) {
    List<StoreChange> changes = sequence == 0 ? List.of() : st.changesSince(sequence);
    if (sequence == 0 || (!changes.isEmpty() && changes.get(0).sequence() != sequence + 1)) {
      reloadAll(st); // first load, or the entries we had not seen were trimmed
      return;
    }
    for (StoreChange c : changes) {
      sequence = c.sequence();
      if (c.origin().equals(store.origin())) {
        continue;
      }
      if (c.kind().equals(StoreChange.EVENT)) {
        c.event().ifPresent(doc -> foreign.add(fromJson(doc, EventDocument.class).event()));
      } else {
        Optional<StoredObject> o = st.get(c.kind(), c.id());
        apply(c.kind(), c.id(), o.map(this::decode).orElse(null));
      }
    }
  }

  private void reloadAll(StoreTransaction st) {
    long last = st.lastSequence();
    Map<String, Map<String, Object>> fresh = new LinkedHashMap<>();
    for (String kind : List.of(NetworkState.KIND, ContainerState.KIND, EndpointState.KIND)) {
      Map<String, Object> byId = new LinkedHashMap<>();
      for (StoredObject o : st.list(kind)) {
        byId.put(o.id(), decode(o));
      }
      fresh.put(kind, byId);
    }
    for (String id : List.copyOf(endpoints.keySet())) {
      if (!fresh.get(EndpointState.KIND).containsKey(id)) {
        apply(EndpointState.KIND, id, null);
      }
    }
    for (String id : List.copyOf(containers.keySet())) {
      if (!fresh.get(ContainerState.KIND).containsKey(id)) {
        apply(ContainerState.KIND, id, null);
      }
    }
    for (String id : List.copyOf(networks.keySet())) {
      if (!fresh.get(NetworkState.KIND).containsKey(id)) {
        apply(NetworkState.KIND, id, null);
      }
    }
    fresh.forEach((kind, byId) -> byId.forEach((id, state) -> apply(kind, id, state)));
    sequence = last;
  }

  private Object decode(StoredObject o) {
    return switch (o.kind()) {
      case NetworkState.KIND -> fromJson(o.document(), NetworkState.class);
      case EndpointState.KIND -> fromJson(o.document(), EndpointState.class);
      case ContainerState.KIND -> fromJson(o.document(), ContainerState.class);
      default -> throw new NetworkException("unknown kind in store: " + o.kind());
    };
  }

  /** Puts one committed object into the mirror (null: removed), keeping IPAM's reservations in step. */
  private void apply(String kind, String id, Object state) {
    try {
      switch (kind) {
        case NetworkState.KIND -> {
          if (state == null) {
            networks.remove(id);
            ipam.releaseNetwork(id);
            if (id.equals(defaultBridgeId)) {
              defaultBridgeId = null;
            }
          } else {
            NetworkState n = (NetworkState) state;
            networks.put(id, n);
            if (isDefaultBridge(n)) {
              defaultBridgeId = id;
            }
            if (ipam.has(n.ipamDriver())) {
              ipam.mirrorNetwork(n);
            }
          }
        }
        case EndpointState.KIND -> {
          EndpointState old = state == null ? endpoints.remove(id) : endpoints.put(id, (EndpointState) state);
          if (old != null) {
            unindex(endpointsByNetwork, old.networkId(), id);
            unindex(endpointsByContainer, old.containerId(), id);
            unindex(endpointsByName, endpointName(old.networkId(), old.containerName()), id);
          }
          if (state == null) {
            ipam.releaseEndpoint(id);
          } else {
            EndpointState e = (EndpointState) state;
            endpointsByNetwork.computeIfAbsent(e.networkId(), k -> ConcurrentHashMap.newKeySet()).add(id);
            endpointsByContainer.computeIfAbsent(e.containerId(), k -> ConcurrentHashMap.newKeySet()).add(id);
            endpointsByName.computeIfAbsent(endpointName(e.networkId(), e.containerName()),
                k -> ConcurrentHashMap.newKeySet()).add(id);
            NetworkState n = networks.get(e.networkId());
            if (n != null && ipam.has(n.ipamDriver())) {
              ipam.mirrorEndpoint(e, n);
            }
          }
        }
        case ContainerState.KIND -> {
          if (state == null) {
            containers.remove(id);
          } else {
            containers.put(id, (ContainerState) state);
          }
        }
        default -> throw new NetworkException("unknown kind in store: " + kind);
      }
    } catch (NetworkException e) {
      // The store is the truth: a mirror that IPAM refuses is reported, and the store wins.
      LOG.log(Level.WARNING, "IPAM mirror of " + kind + " " + id + " failed", e);
    }
  }

  private static String endpointName(String networkId, String containerName) {
    return networkId + "/" + containerName;
  }

  private static void unindex(Map<String, Set<String>> index, String key, String id) {
    index.computeIfPresent(key, (k, ids) -> {
      ids.remove(id);
      return ids.isEmpty() ? null : ids;
    });
  }

  static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + o.getClass().getSimpleName(), e);
    }
  }

  static <T> T fromJson(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new NetworkException("corrupt " + type.getSimpleName() + " in store: " + e.getOriginalMessage(), e);
    }
  }

  private void watch() {
    while (!closed) {
      LockSupport.parkNanos(WATCH_INTERVAL_NANOS);
      try {
        refresh();
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "store watch failed", e);
        }
      }
    }
  }

  // ---------------------------------------------------------------- lookups

  NetworkState networkState(String id) {
    NetworkState n = networks.get(id);
    if (n == null) {
      refresh();
      n = networks.get(id);
    }
    if (n == null) {
      throw new NotFoundException("network " + id + " not found");
    }
    return n;
  }

  ContainerState containerState(String id) {
    ContainerState c = containers.get(id);
    if (c == null) {
      refresh();
      c = containers.get(id);
    }
    if (c == null) {
      throw new NotFoundException("No such container: " + id);
    }
    return c;
  }

  /** Docker's lookup: full id, exact name, unique id prefix. */
  Optional<NetworkState> resolveNetwork(String term) {
    refresh();
    if (term == null || term.isEmpty()) {
      return Optional.empty();
    }
    NetworkState byId = networks.get(term);
    if (byId != null) {
      return Optional.of(byId);
    }
    List<NetworkState> byName = networks.values().stream().filter(n -> n.name().equals(term)).toList();
    if (byName.size() > 1) {
      throw new InvalidParameterException("network " + term + " is ambiguous (" + byName.size() + " matches found on name)");
    }
    if (byName.size() == 1) {
      return Optional.of(byName.get(0));
    }
    List<NetworkState> byPrefix = networks.values().stream().filter(n -> n.id().startsWith(term)).toList();
    if (byPrefix.size() > 1) {
      throw new InvalidParameterException(
          "network " + term + " is ambiguous (" + byPrefix.size() + " matches found based on ID prefix)");
    }
    return byPrefix.stream().findFirst();
  }

  NetworkState requireNetwork(String term) {
    return resolveNetwork(term).orElseThrow(() -> new NotFoundException("network " + term + " not found"));
  }

  Optional<ContainerState> resolveContainer(String term) {
    refresh();
    if (term == null || term.isEmpty()) {
      return Optional.empty();
    }
    ContainerState byId = containers.get(term);
    if (byId != null) {
      return Optional.of(byId);
    }
    Optional<ContainerState> byName = containers.values().stream().filter(c -> c.name().equals(term)).findFirst();
    if (byName.isPresent()) {
      return byName;
    }
    List<ContainerState> byPrefix = containers.values().stream().filter(c -> c.id().startsWith(term)).toList();
    if (byPrefix.size() > 1) {
      throw new InvalidParameterException("multiple IDs found with provided prefix: " + term);
    }
    return byPrefix.stream().findFirst();
  }

  ContainerState requireContainer(String term) {
    return resolveContainer(term).orElseThrow(() -> new NotFoundException("No such container: " + term));
  }

  List<EndpointState> endpointsOfNetwork(String networkId) {
    return indexed(endpointsByNetwork, networkId);
  }

  List<EndpointState> endpointsOfContainer(String containerId) {
    return indexed(endpointsByContainer, containerId);
  }

  private List<EndpointState> indexed(Map<String, Set<String>> index, String key) {
    Set<String> ids = index.get(key);
    if (ids == null) {
      return List.of();
    }
    return ids.stream().map(endpoints::get).filter(java.util.Objects::nonNull)
        .sorted(Comparator.comparingLong(EndpointState::order).thenComparing(EndpointState::id)).toList();
  }

  // ---------------------------------------------------------------- Networks

  @Override
  public NetworkBuilder newNetwork(String name) {
    return new NetworkBuilder(name, this::createNetwork);
  }

  @Override
  public Network network(String idOrName) {
    return new NetworkHandle(this, requireNetwork(idOrName).id());
  }

  @Override
  public Optional<Network> findNetwork(String idOrName) {
    return resolveNetwork(idOrName).map(n -> new NetworkHandle(this, n.id()));
  }

  @Override
  public List<Network> list() {
    return list(NetworkFilter.ALL);
  }

  @Override
  public List<Network> list(NetworkFilter filter) {
    refresh();
    List<NetworkState> all = new ArrayList<>(networks.values());
    all.sort(Comparator.comparingLong(NetworkState::createdMillis).thenComparing(NetworkState::name));
    Set<String> inUse = filter.dangling() == null ? Set.of() : networksInUse();
    List<Network> out = new ArrayList<>();
    for (NetworkState n : all) {
      if (n.phase() == Phase.READY && Filters.matches(filter, n, inUse.contains(n.id()))) {
        out.add(new NetworkHandle(this, n.id()));
      }
    }
    return out;
  }

  private Set<String> networksInUse() {
    Set<String> used = new java.util.HashSet<>();
    used.addAll(endpointsByNetwork.keySet());
    networks.values().forEach(n -> {
      if (n.configFrom() != null) {
        networks.values().stream().filter(c -> c.name().equals(n.configFrom())).forEach(c -> used.add(c.id()));
      }
    });
    return used;
  }

  @Override
  public void remove(String... idOrNames) {
    NetworkException first = null;
    for (String term : idOrNames) {
      try {
        removeNetwork(requireNetwork(term).id());
      } catch (NetworkException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public List<String> prune(NetworkFilter filter) {
    List<String> removed = new ArrayList<>();
    for (Network n : list(filter)) {
      NetworkState s = networks.get(n.id());
      if (s == null || s.predefined()) {
        continue;
      }
      if (networksInUse().contains(s.id())) {
        continue;
      }
      try {
        removeNetwork(s.id());
        removed.add(s.name());
      } catch (ForbiddenException | NotFoundException e) {
        // in use or gone meanwhile: prune skips it, as Docker's does
      }
    }
    return removed;
  }

  @Override
  public Container run(String name) {
    return run(name, o -> {});
  }

  @Override
  public Container run(String name, Consumer<ContainerOptions> options) {
    ContainerOptions o = new ContainerOptions();
    options.accept(o);
    return Containers.run(this, name, o);
  }

  @Override
  public Container adopt(String name, Path namespace) {
    return Containers.adopt(this, name, namespace);
  }

  @Override
  public Container adoptPid(String name, long pid) {
    Path path = Path.of("/proc/" + pid + "/ns/net");
    if (!Files.exists(path)) {
      throw new NotFoundException("no process with pid " + pid);
    }
    return Containers.adopt(this, name, path);
  }

  @Override
  public Container container(String idOrName) {
    return new ContainerHandle(this, requireContainer(idOrName).id());
  }

  @Override
  public Optional<Container> findContainer(String idOrName) {
    return resolveContainer(idOrName).map(c -> new ContainerHandle(this, c.id()));
  }

  @Override
  public List<Container> containers() {
    refresh();
    return containers.values().stream().filter(c -> c.phase() == Phase.READY)
        .sorted(Comparator.comparingLong(ContainerState::createdMillis).thenComparing(ContainerState::name))
        .map(c -> (Container) new ContainerHandle(this, c.id())).toList();
  }

  @Override
  public Subscription subscribe(Consumer<Event> listener) {
    return events.subscribe(listener);
  }

  @Override
  public Path stateDirectory() {
    return config.stateDirectory();
  }

  @Override
  public Path hostNamespace() {
    return config.hostNamespace();
  }

  ControllerConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    for (NetworkService s : services) {
      try {
        s.close();
      } catch (RuntimeException e) {
        failure = collect(failure, e);
      }
    }
    if (watcher.isAlive()) {
      LockSupport.unpark(watcher);
      try {
        watcher.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    events.close();
    hostFacts.close();
    for (NetworkDriver d : drivers.values()) {
      try {
        d.close();
      } catch (RuntimeException e) {
        failure = collect(failure, e);
      }
    }
    lock.lock();
    try {
      store.close();
    } catch (RuntimeException e) {
      failure = collect(failure, e);
    } finally {
      lock.unlock();
    }
    if (failure != null) {
      throw failure;
    }
  }

  static RuntimeException collect(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  // ---------------------------------------------------------------- network create / remove

  static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  Network createNetwork(NetworkRequest r) {
    if (PREDEFINED.contains(r.name())) {
      // moby's PredefinedNetworkError, trailing space included
      throw new ForbiddenException("operation is not permitted on predefined " + r.name() + " network ");
    }
    return new NetworkHandle(this, create(r, false).id());
  }

  private NetworkState create(NetworkRequest request, boolean predefined) {
    NetworkRequest r = request;
    checkConfigurationFields(r);
    NetworkDriver driver = r.configOnly() ? null : driver(r.driver());
    NetworkState configSource = null;
    if (r.configFrom().isPresent()) {
      String wanted = r.configFrom().get();
      configSource = networks.values().stream().filter(n -> n.configOnly() && n.name().equals(wanted)).findFirst()
          .orElseThrow(() -> new NotFoundException("configuration network \"" + wanted + "\" does not exist"));
    }
    if (driver != null && driver.capabilities().singleton() && !predefined) {
      throw new ForbiddenException("only one instance of \"" + r.driver() + "\" network is allowed");
    }
    boolean addressing = driver == null || driver.capabilities().addressing();
    for (IpamConfig c : r.ipamConfigs()) {
      if (c.subnet().isIpv4() && !r.enableIpv4()) {
        throw new InvalidParameterException("IPv4 subnet " + c.subnet() + " given but IPv4 is disabled");
      }
      if (!c.subnet().isIpv4() && !r.enableIpv6()) {
        throw new InvalidParameterException("IPv6 subnet " + c.subnet() + " given but IPv6 is not enabled (--ipv6)");
      }
    }
    if (!addressing && !r.ipamConfigs().isEmpty()) {
      throw new InvalidParameterException("driver " + r.driver() + " does not support subnets");
    }
    Scope scope = r.scope().orElse(driver == null ? Scope.LOCAL : driver.capabilities().scope());
    String ipamDriver = configSource != null ? configSource.ipamDriver() : r.ipamDriver();
    if (addressing && !r.configOnly()) {
      ipam.driver(ipamDriver); // an unknown IPAM driver fails before anything is recorded
    }
    String id = newId();
    NetworkState fromSource = configSource;
    NetworkState intent = write(tx -> {
      if (networks.values().stream().anyMatch(n -> n.name().equals(r.name()))) {
        throw new ConflictException("network with name " + r.name() + " already exists");
      }
      List<SubnetState> subnets = List.of();
      List<IpamConfig> configs = fromSource != null ? toConfigs(fromSource) : r.ipamConfigs();
      boolean v6 = fromSource != null ? fromSource.enableIpv6() : r.enableIpv6();
      boolean v4 = fromSource != null ? fromSource.enableIpv4() : r.enableIpv4();
      if (r.configOnly()) {
        subnets = configs.stream().map(Controller::unreserved).toList();
      } else if (addressing) {
        subnets = ipam.allocateNetwork(id, ipamDriver, r.ipamOptions(), scope, configs, v4, v6);
        tx.onRollback(() -> ipam.releaseNetwork(id));
      }
      NetworkState n = new NetworkState(id, r.name(), r.configOnly() ? "null" : r.driver(), scope.text(),
          System.currentTimeMillis(), ipamDriver,
          fromSource != null ? fromSource.ipamOptions() : r.ipamOptions(), subnets,
          fromSource != null ? fromSource.options() : r.options(), fromSource != null ? fromSource.labels() : r.labels(),
          r.internal(), v4, v6, r.attachable(),
          r.ingress(), r.configOnly(), fromSource != null ? fromSource.name() : null, predefined,
          !configs.isEmpty(), r.configOnly() ? Phase.READY : Phase.CREATING, Owner.SELF);
      tx.put(NetworkState.KIND, id, n);
      if (r.configOnly()) {
        tx.publish(networkEvent(n, Event.Action.CREATE, Map.of()));
      }
      return n;
    });
    if (r.configOnly()) {
      return intent;
    }
    Faults.point("create.intent");
    try {
      driver.createNetwork(spec(intent));
      Faults.point("create.kernel");
    } catch (RuntimeException e) {
      try {
        driver.deleteNetwork(spec(intent));
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      try {
        write(tx -> {
          tx.delete(NetworkState.KIND, id);
          return null;
        });
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    NetworkState ready = intent.withPhase(Phase.READY);
    write(tx -> {
      tx.put(NetworkState.KIND, id, ready);
      tx.publish(networkEvent(ready, Event.Action.CREATE, Map.of()));
      return null;
    });
    Faults.point("create.commit");
    return ready;
  }

  /** libnetwork's rules for config-only networks and for networks made from one, in its order and words. */
  private static void checkConfigurationFields(NetworkRequest r) {
    if (r.configOnly() && (r.ingress() || r.internal() || r.attachable() || r.scope().isPresent())) {
      throw new ForbiddenException("configuration network can only contain network specific fields. Network operator"
          + " fields like [ ingress | internal | attachable | scope ] are not supported.");
    }
    if (r.configFrom().isEmpty()) {
      return;
    }
    if (r.configOnly()) {
      throw new ForbiddenException("a configuration network cannot depend on another configuration network");
    }
    if (!r.ipamDriver().equals("default") || !r.enableIpv4() || r.enableIpv6() || !r.labels().isEmpty()
        || !r.ipamOptions().isEmpty() || !r.ipamConfigs().isEmpty()) {
      throw new ForbiddenException(
          "user-specified configurations are not supported if the network depends on a configuration network");
    }
    if (!r.options().isEmpty()) {
      throw new ForbiddenException(
          "network driver options are not supported if the network depends on a configuration network");
    }
  }

  private static SubnetState unreserved(IpamConfig c) {
    Map<String, String> aux = new LinkedHashMap<>();
    c.auxiliaryAddresses().forEach((k, v) -> aux.put(k, v.getHostAddress()));
    return new SubnetState(c.subnet().toString(), c.ipRange().map(IpPrefix::toString).orElse(null),
        c.gateway().map(InetAddress::getHostAddress).orElse(null), aux);
  }

  static List<IpamConfig> toConfigs(NetworkState n) {
    List<IpamConfig> out = new ArrayList<>();
    for (SubnetState s : n.subnets()) {
      Map<String, InetAddress> aux = new LinkedHashMap<>();
      s.auxiliaryAddresses().forEach((k, v) -> aux.put(k, IpPrefix.parseAddress(v)));
      out.add(new IpamConfig(s.prefix(), Optional.ofNullable(s.ipRange()).map(IpPrefix::parse),
          Optional.ofNullable(s.gateway()).map(IpPrefix::parseAddress), aux));
    }
    return out;
  }

  static Event networkEvent(NetworkState n, Event.Action action, Map<String, String> extra) {
    Map<String, String> attributes = new LinkedHashMap<>(extra);
    attributes.put("name", n.name());
    attributes.put("type", n.driver());
    return new Event(Event.Type.NETWORK, action, n.id(), n.name(), attributes, Instant.now());
  }

  static NetworkSpec spec(NetworkState n) {
    List<NetworkSpec.Subnet> v4 = new ArrayList<>();
    List<NetworkSpec.Subnet> v6 = new ArrayList<>();
    for (SubnetState s : n.subnets()) {
      NetworkSpec.Subnet subnet =
          new NetworkSpec.Subnet(s.prefix(), Optional.ofNullable(s.gateway()).map(IpPrefix::parseAddress));
      (s.ipv4() ? v4 : v6).add(subnet);
    }
    return new NetworkSpec(n.id(), n.name(), n.options(), v4, v6, n.internal(), n.labels());
  }

  void removeNetwork(String id) {
    NetworkState n = networkState(id);
    if (n.predefined()) {
      throw new ForbiddenException(n.name() + " is a pre-defined network and cannot be removed");
    }
    NetworkState deleting = write(tx -> {
      NetworkState current = networks.get(id);
      if (current == null) {
        throw new NotFoundException("network " + id + " not found");
      }
      if (current.phase() != Phase.READY) {
        throw new ConflictException("network " + current.name() + " is being created or removed by another operation");
      }
      List<EndpointState> active = endpointsOfNetwork(id).stream().filter(e -> e.phase() != Phase.CONFIGURED).toList();
      if (!active.isEmpty()) {
        StringBuilder list = new StringBuilder();
        for (EndpointState e : active) {
          if (list.length() > 0) {
            list.append(", ");
          }
          list.append("name:\"").append(e.containerName()).append("\" id:\"").append(e.id(), 0, 12).append('"');
        }
        throw new ForbiddenException(
            "error while removing network: network " + current.name() + " has active endpoints (" + list + ")");
      }
      if (current.configOnly()) {
        Optional<NetworkState> user = networks.values().stream()
            .filter(o -> current.name().equals(o.configFrom())).findFirst();
        if (user.isPresent()) {
          throw new ForbiddenException(
              "error while removing network: configuration network \"" + current.name() + "\" is in use");
        }
        tx.delete(NetworkState.KIND, id);
        tx.publish(networkEvent(current, Event.Action.DESTROY, Map.of()));
        return null;
      }
      NetworkState d = current.withPhase(Phase.DELETING);
      tx.put(NetworkState.KIND, id, d);
      return d;
    });
    if (deleting == null) {
      return;
    }
    Faults.point("rm.intent");
    try {
      driver(deleting.driver()).deleteNetwork(spec(deleting));
      Faults.point("rm.kernel");
    } catch (RuntimeException e) {
      try {
        write(tx -> {
          tx.put(NetworkState.KIND, id, deleting.withPhase(Phase.READY));
          return null;
        });
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    write(tx -> {
      for (EndpointState e : endpointsOfNetwork(id)) {
        tx.delete(EndpointState.KIND, e.id());
      }
      tx.delete(NetworkState.KIND, id);
      tx.publish(networkEvent(deleting, Event.Action.DESTROY, Map.of()));
      return null;
    });
    Faults.point("rm.commit");
  }

  // ---------------------------------------------------------------- connect / disconnect

  /** The checks of {@code connect} that need no container: Docker's rules for predefined networks. */
  void checkConnectable(NetworkState n, EndpointOptions o) {
    if (n.configOnly()) {
      throw new ForbiddenException("cannot create endpoint on configuration-only network");
    }
    if (n.phase() != Phase.READY) {
      throw new ConflictException("network " + n.name() + " is being created or removed");
    }
    // the daemon's validateEndpointSettings: every problem, joined under one heading
    List<String> problems = new ArrayList<>();
    if (n.predefined()) {
      if (o.ipv4().isPresent() || o.ipv6().isPresent()) {
        problems.add("user-specified IP address is supported on user-defined networks only");
      }
      if (!o.aliases().isEmpty()) {
        problems.add("network-scoped aliases are only supported for user-defined networks");
      }
    }
    for (InetAddress wanted : List.of(o.ipv4(), o.ipv6()).stream().flatMap(Optional::stream).toList()) {
      if (n.subnets().stream().noneMatch(s -> s.prefix().contains(wanted))) {
        problems.add("no configured subnet contains IP address " + wanted.getHostAddress());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidParameterException("invalid endpoint settings:\n"
          + (problems.size() == 1 ? problems.get(0) : "* " + String.join("\n* ", problems)));
    }
    if (!n.predefined() && (o.ipv4().isPresent() || o.ipv6().isPresent()) && !n.userSubnets()) {
      // Docker 1.10 to 24's rule (runconfig), no longer in moby: kept so a static address never falls in a
      // pool the controller chose and may give to another network later
      throw new InvalidParameterException(
          "user specified IP address is supported only when connecting to networks with user configured subnets");
    }
    if (!o.ports().isEmpty() && !(driver(n.driver()) instanceof PortPublisher)) {
      throw new InvalidParameterException("driver " + n.driver() + " does not support publishing ports");
    }
  }

  Endpoint connect(String networkId, String containerId, EndpointOptions o) {
    NetworkState n = networkState(networkId);
    ContainerState c = containerState(containerId);
    if (isHost(n)) {
      throw new InvalidParameterException(
          "cannot connect container to host network - container must be created in host network mode");
    }
    checkConnectable(n, o);
    String id = newId();
    EndpointState intent = write(tx -> {
      ContainerState cs = containers.get(containerId);
      if (cs == null || cs.phase() != Phase.READY) {
        throw new NotFoundException("No such container: " + containerId);
      }
      NetworkState ns = networks.get(networkId);
      if (ns == null) {
        throw new NotFoundException("network " + networkId + " not found");
      }
      checkConnectable(ns, o);
      List<EndpointState> mine = endpointsOfContainer(containerId);
      if (mine.stream().anyMatch(e -> e.networkId().equals(networkId))) {
        throw endpointNameTaken(cs, ns);
      }
      if (cs.running()) {
        refuseStaleEndpoint(cs, ns);
      }
      if (isDefaultBridge(ns)) {
        checkLegacyLinks(ns, o.links().keySet());
      }
      boolean onNone = mine.stream().anyMatch(e -> isNone(networks.get(e.networkId())));
      if ((isNone(ns) && !mine.isEmpty()) || onNone) {
        throw new InvalidParameterException(
            "container cannot be connected to multiple networks with one of the networks in private (none) mode");
      }
      if (mine.stream().anyMatch(e -> isHost(networks.get(e.networkId())))) {
        throw new InvalidParameterException(
            "container sharing network namespace with another container or host cannot be connected to any other network");
      }
      long order = mine.stream().mapToLong(EndpointState::order).max().orElse(0) + 1;
      EndpointState configured = new EndpointState(id, networkId, containerId, cs.name(), order, null, null, null,
          null, null, null, o.ipv4().map(InetAddress::getHostAddress).orElse(null),
          o.ipv6().map(InetAddress::getHostAddress).orElse(null), o.aliases(), o.links(),
          o.linkLocalIps().stream().map(IpPrefix::toString).toList(), o.driverOptions(), o.gwPriority(), o.ports(), List.of(),
          Map.of(), Phase.CONFIGURED, Owner.SELF);
      if (!cs.running()) {
        tx.put(EndpointState.KIND, id, configured);
        tx.publish(networkEvent(ns, Event.Action.CONNECT, Map.of("container", containerId)));
        return configured;
      }
      EndpointState joining = reserve(tx, ns, configured, mine, Phase.JOINING);
      tx.put(EndpointState.KIND, id, joining);
      return joining;
    });
    if (intent.phase() == Phase.CONFIGURED) {
      return toEndpoint(intent);
    }
    Faults.point("connect.intent");
    EndpointState active = plumb("connect", intent, c, () -> write(tx -> {
      tx.delete(EndpointState.KIND, id);
      return null;
    }));
    Faults.point("connect.commit");
    rewriteFiles(containerId);
    return toEndpoint(active);
  }

  /** The daemon's checks of legacy links: each linked container exists and is on the default bridge. */
  private void checkLegacyLinks(NetworkState bridge, Set<String> targets) {
    for (String target : new java.util.TreeSet<>(targets)) {
      ContainerState child = containers.values().stream()
          .filter(x -> x.name().equals(target) && x.phase() == Phase.READY).findFirst()
          .orElseThrow(() -> new InvalidParameterException(
              "could not get container for " + target + ": No such container: " + target));
      if (endpointsOfContainer(child.id()).stream().noneMatch(e -> e.networkId().equals(bridge.id()))) {
        throw new InvalidParameterException(
            "Cannot link to /" + target + ", as it does not belong to the default network");
      }
    }
  }

  /** libnetwork's refusal of a second endpoint with a container's name on one network. */
  private static ForbiddenException endpointNameTaken(ContainerState c, NetworkState n) {
    return new ForbiddenException("endpoint with name " + c.name() + " already exists in network " + n.name());
  }

  /**
   * Refuses to plumb a container whose name a stale endpoint (its container gone) still holds on the network,
   * as libnetwork does, until {@code disconnect -f} removes that endpoint.
   */
  private void refuseStaleEndpoint(ContainerState c, NetworkState n) {
    if (indexed(endpointsByName, endpointName(n.id(), c.name())).stream()
        .anyMatch(e -> !e.containerId().equals(c.id()))) {
      throw endpointNameTaken(c, n);
    }
  }

  private static boolean isNone(NetworkState n) {
    return n != null && n.predefined() && n.name().equals("none");
  }

  private static boolean isHost(NetworkState n) {
    return n != null && n.predefined() && n.name().equals("host");
  }

  /** The predefined {@code bridge}: the only network where links are legacy links (hosts file, variables). */
  static boolean isDefaultBridge(NetworkState n) {
    return n != null && n.predefined() && n.name().equals("bridge");
  }

  /** Inside a write: addresses from IPAM, an interface name and MAC; the JOINING or STARTING intent. */
  private EndpointState reserve(Tx tx, NetworkState n, EndpointState e, List<EndpointState> siblings, Phase intent) {
    String[] addresses = new String[2];
    if (!n.subnets().isEmpty()) {
      addresses = ipam.allocateEndpoint(n, e.id(),
          Optional.ofNullable(e.requestedIpv4()).map(IpPrefix::parseAddress).orElse(null),
          Optional.ofNullable(e.requestedIpv6()).map(IpPrefix::parseAddress).orElse(null));
      tx.onRollback(() -> ipam.releaseEndpoint(e.id()));
    }
    Set<String> taken = new java.util.HashSet<>();
    siblings.stream().filter(s -> s.interfaceName() != null).forEach(s -> taken.add(s.interfaceName()));
    int index = 0;
    while (taken.contains("eth" + index)) {
      index++;
    }
    return e.joining(intent, "eth" + index, mac(addresses[0]), addresses[0], addresses[1]);
  }

  private static String mac(String ipv4) {
    byte[] b = new byte[6];
    if (ipv4 != null && IpPrefix.parse(ipv4).address() instanceof Inet4Address a) {
      b[0] = 0x02;
      b[1] = 0x42;
      System.arraycopy(a.getAddress(), 0, b, 2, 4);
    } else {
      RANDOM.nextBytes(b);
      b[0] = (byte) ((b[0] & 0xfe) | 0x02); // unicast, locally administered
    }
    return HexFormat.ofDelimiter(":").formatHex(b);
  }

  /**
   * The kernel half of a join: the driver plumbs (and publishes ports), then the ACTIVE state is committed;
   * on failure the driver undoes, {@code forget} restores the store, and the error is rethrown. {@code operation}
   * names the crash point ({@code connect.kernel}, {@code start.kernel}).
   */
  private EndpointState plumb(String operation, EndpointState intent, ContainerState c, Runnable forget) {
    NetworkState n = networkState(intent.networkId());
    NetworkDriver driver = driver(n.driver());
    NetworkSpec ns = spec(n);
    EndpointSpec es = spec(n, intent);
    SandboxSpec sandbox = sandbox(c);
    JoinResult joined;
    List<PortMapping> bound = List.of();
    try {
      joined = driver.join(ns, es, sandbox);
      if (!intent.ports().isEmpty()) {
        bound = ((PortPublisher) driver).publish(ns, es);
      }
      Faults.point(operation + ".kernel");
    } catch (RuntimeException e) {
      try {
        driver.leave(ns, es, sandbox);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      try {
        forget.run();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    EndpointState active = intent.joined(joined.ipv4Gateway().map(InetAddress::getHostAddress).orElse(null),
        joined.ipv6Gateway().map(InetAddress::getHostAddress).orElse(null), bound, joined.environment());
    write(tx -> {
      tx.put(EndpointState.KIND, active.id(), active);
      tx.publish(networkEvent(n, Event.Action.CONNECT, Map.of("container", c.id())));
      return null;
    });
    return active;
  }

  /**
   * The driver's view of an endpoint. Links go to the driver only on the default bridge, where Docker makes
   * them legacy links (variables, ICC holes); elsewhere they are endpoint-scoped DNS aliases, the resolver's.
   */
  static EndpointSpec spec(NetworkState n, EndpointState e) {
    return new EndpointSpec(e.id(), e.networkId(), e.interfaceName() == null ? "" : e.interfaceName(),
        e.macAddress() == null ? "" : e.macAddress(), Optional.ofNullable(e.ipv4()).map(IpPrefix::parse),
        Optional.ofNullable(e.ipv6()).map(IpPrefix::parse), e.aliases(), isDefaultBridge(n) ? e.links() : Map.of(),
        e.linkLocalIps().stream().map(IpPrefix::parse).toList(), e.driverOptions(), e.ports(), e.gwPriority());
  }

  static SandboxSpec sandbox(ContainerState c) {
    return new SandboxSpec(c.id(), c.name(), Path.of(c.namespacePath()), c.hostname());
  }

  /** {@code disconnect [-f]}: by container name or id; {@code force} also removes stale endpoints. */
  void disconnect(String networkId, String containerTerm, boolean force) {
    NetworkState n = networkState(networkId);
    Optional<ContainerState> c = resolveContainer(containerTerm);
    Optional<EndpointState> endpoint;
    if (c.isPresent()) {
      endpoint = endpointsOfContainer(c.get().id()).stream().filter(e -> e.networkId().equals(networkId)).findFirst();
    } else if (force) {
      endpoint = endpointsOfNetwork(networkId).stream()
          .filter(e -> e.containerName().equals(containerTerm) || e.containerId().equals(containerTerm)).findFirst();
      if (endpoint.isEmpty()) {
        throw new NotFoundException("endpoint " + containerTerm + " not found"); // libnetwork's EndpointByName
      }
    } else {
      throw new NotFoundException("No such container: " + containerTerm);
    }
    if (endpoint.isEmpty()) {
      // the daemon's two wordings: a running container's, and a stopped one's ("the network")
      boolean stopped = c.isPresent() && !c.get().running();
      throw new NotFoundException("container " + c.map(ContainerState::id).orElse(containerTerm)
          + " is not connected to " + (stopped ? "the network " : "network ") + n.name());
    }
    if (isHost(n) && !force) {
      throw new InvalidParameterException(
          "cannot disconnect container from host network - container was created in host network mode");
    }
    leave(endpoint.get(), true, force);
    c.ifPresent(cs -> rewriteFiles(cs.id()));
    if (isDefaultBridge(n)) {
      rewriteLinkParents(endpoint.get().containerName(), endpoint.get().containerId());
    }
  }

  /**
   * Takes an endpoint out of the kernel: LEAVING (a disconnect) or STOPPING (a stop) intent, driver, then the
   * row is deleted ({@code remove}) or kept as CONFIGURED (a stop). With {@code force} a driver failure does not
   * stop the store change. Crash points: {@code disconnect.*} or {@code stop.*}.
   */
  void leave(EndpointState e, boolean remove, boolean force) {
    if (e.phase() == Phase.CONFIGURED) {
      if (remove) {
        write(tx -> {
          tx.delete(EndpointState.KIND, e.id());
          NetworkState n = networks.get(e.networkId());
          if (n != null) {
            tx.publish(networkEvent(n, Event.Action.DISCONNECT, Map.of("container", e.containerId())));
          }
          return null;
        });
      }
      return;
    }
    EndpointState leaving = write(tx -> {
      EndpointState current = endpoints.get(e.id());
      if (current == null) {
        throw new NotFoundException("endpoint " + e.id() + " not found");
      }
      if (current.phase() != Phase.ACTIVE && !force) {
        throw new ConflictException("endpoint " + e.id() + " is being joined or left by another operation");
      }
      EndpointState l = current.withPhase(remove ? Phase.LEAVING : Phase.STOPPING);
      tx.put(EndpointState.KIND, e.id(), l);
      return l;
    });
    String operation = remove ? "disconnect" : "stop";
    Faults.point(operation + ".intent");
    NetworkState n = networks.get(leaving.networkId());
    ContainerState c = containers.get(leaving.containerId());
    try {
      if (n != null) {
        unplumb(n, leaving, c);
      }
      Faults.point(operation + ".kernel");
    } catch (RuntimeException failure) {
      if (!force) {
        try {
          write(tx -> {
            tx.put(EndpointState.KIND, leaving.id(), leaving.withPhase(Phase.ACTIVE));
            return null;
          });
        } catch (RuntimeException cleanup) {
          failure.addSuppressed(cleanup);
        }
        throw failure;
      }
      LOG.log(Level.WARNING, "forced disconnect of " + leaving.id() + ": driver failed", failure);
    }
    write(tx -> {
      if (remove) {
        tx.delete(EndpointState.KIND, leaving.id());
      } else {
        tx.put(EndpointState.KIND, leaving.id(), leaving.configured());
      }
      if (n != null) {
        tx.publish(networkEvent(n, Event.Action.DISCONNECT, Map.of("container", leaving.containerId())));
      }
      return null;
    });
    Faults.point(operation + ".commit");
  }

  /** The driver's leave (and unpublish); for a container whose record is gone, a sandbox made from the endpoint. */
  private void unplumb(NetworkState n, EndpointState e, ContainerState c) {
    NetworkDriver driver = driver(n.driver());
    NetworkSpec ns = spec(n);
    EndpointSpec es = spec(n, e);
    SandboxSpec sandbox = c != null ? sandbox(c)
        : new SandboxSpec(e.containerId(), e.containerName(), Path.of("/nonexistent"), e.containerName());
    RuntimeException failure = null;
    if (!e.boundPorts().isEmpty() && driver instanceof PortPublisher p) {
      try {
        p.unpublish(ns, es, e.boundPorts());
      } catch (RuntimeException x) {
        failure = collect(failure, x);
      }
    }
    try {
      driver.leave(ns, es, sandbox);
    } catch (RuntimeException x) {
      failure = collect(failure, x);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Re-joins one configured endpoint of a container being started (crash points {@code start.*}). */
  void join(EndpointState configured, ContainerState c) {
    EndpointState intent = write(tx -> {
      EndpointState current = endpoints.get(configured.id());
      NetworkState n = current == null ? null : networks.get(current.networkId());
      if (current == null || current.phase() != Phase.CONFIGURED || n == null) {
        return null;
      }
      refuseStaleEndpoint(c, n);
      EndpointState j = reserve(tx, n, current, endpointsOfContainer(c.id()), Phase.STARTING);
      tx.put(EndpointState.KIND, j.id(), j);
      return j;
    });
    if (intent == null) {
      return;
    }
    Faults.point("start.intent");
    plumb("start", intent, c, () -> write(tx -> {
      tx.put(EndpointState.KIND, intent.id(), intent.configured());
      return null;
    }));
    Faults.point("start.commit");
  }

  // ---------------------------------------------------------------- views

  Endpoint toEndpoint(EndpointState e) {
    NetworkState n = networks.get(e.networkId());
    return new Endpoint(e.id(), e.networkId(), n == null ? "" : n.name(), e.containerId(), e.containerName(),
        Optional.ofNullable(e.interfaceName()), Optional.ofNullable(e.macAddress()),
        Optional.ofNullable(e.ipv4()).map(IpPrefix::parse), Optional.ofNullable(e.ipv6()).map(IpPrefix::parse),
        Optional.ofNullable(e.gateway4()).map(IpPrefix::parseAddress),
        Optional.ofNullable(e.gateway6()).map(IpPrefix::parseAddress),
        Optional.ofNullable(e.requestedIpv4()).map(IpPrefix::parseAddress),
        Optional.ofNullable(e.requestedIpv6()).map(IpPrefix::parseAddress), e.aliases(), e.links(),
        e.linkLocalIps().stream().map(IpPrefix::parse).toList(), e.driverOptions(), e.gwPriority(),
        e.boundPorts().isEmpty() ? e.ports() : e.boundPorts(), e.phase() == Phase.ACTIVE);
  }

  IpamBook ipam() {
    return ipam;
  }

  /**
   * Rewrites a Lanyard-made container's hosts and resolv.conf from its current endpoints, and the hosts files
   * of the containers that link to it on the default bridge (Docker updates a link's parents when its child
   * joins).
   */
  void rewriteFiles(String containerId) {
    ContainerState c = containers.get(containerId);
    if (c == null) {
      return;
    }
    writeFiles(c);
    if (onDefaultBridge(containerId)) {
      rewriteLinkParents(c.name(), containerId);
    }
  }

  /** Whether the container has an endpoint (in any phase) on the default bridge, where links are legacy links. */
  boolean onDefaultBridge(String containerId) {
    String bridge = defaultBridgeId;
    return bridge != null && endpointsByContainer.getOrDefault(containerId, Set.of()).stream()
        .map(endpoints::get).anyMatch(e -> e != null && e.networkId().equals(bridge));
  }

  /**
   * Rewrites the files of the containers whose default-bridge endpoint links to {@code childName}: called when
   * the child's endpoint there changes (the only one their hosts lines depend on).
   */
  void rewriteLinkParents(String childName, String exceptContainerId) {
    String bridge = defaultBridgeId;
    for (String endpointId : bridge == null ? Set.<String>of() : endpointsByNetwork.getOrDefault(bridge, Set.of())) {
      EndpointState e = endpoints.get(endpointId);
      ContainerState parent = e == null ? null : containers.get(e.containerId());
      if (parent != null && !parent.id().equals(exceptContainerId) && e.links().containsKey(childName)) {
        writeFiles(parent);
      }
    }
  }

  private void writeFiles(ContainerState c) {
    if (c.namespaceName() == null) {
      return;
    }
    List<String> entries = new ArrayList<>();
    boolean userNetwork = false;
    boolean ipv6 = false;
    for (EndpointState e : endpointsOfContainer(c.id())) {
      if (e.phase() != Phase.ACTIVE) {
        continue;
      }
      NetworkState n = networks.get(e.networkId());
      userNetwork |= n != null && !n.predefined();
      ipv6 |= e.ipv6() != null;
      for (String cidr : new String[] {e.ipv4(), e.ipv6()}) {
        if (cidr != null) {
          entries.add(IpPrefix.parse(cidr).address().getHostAddress() + "\t" + c.hostname());
        }
      }
      if (isDefaultBridge(n)) {
        new java.util.TreeMap<>(e.links()).forEach((target, alias) -> entries.addAll(legacyLinkEntries(n, target, alias)));
      }
    }
    try {
      HostResolvConf host = HostResolvConf.read(HostResolvConf.SYSTEM);
      Sandboxes.writeFiles(c.namespaceName(), Sandboxes.hosts(entries),
          userNetwork ? ContainerResolvConf.embedded(host) : ContainerResolvConf.defaultBridge(host, ipv6));
    } catch (UncheckedIOException e) {
      throw new NetworkException("cannot write hosts files of container " + c.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Docker's hosts lines of a legacy link: the linked container's default-bridge addresses named by the alias,
   * its hostname, and its name unless that is the alias. None while it is not on the network.
   */
  private List<String> legacyLinkEntries(NetworkState bridge, String target, String alias) {
    List<String> lines = new ArrayList<>();
    for (EndpointState child : indexed(endpointsByName, endpointName(bridge.id(), target))) {
      ContainerState c = containers.get(child.containerId());
      if (child.phase() != Phase.ACTIVE || c == null) {
        continue; // stopped, or a stale endpoint's
      }
      String names = alias + " " + c.hostname() + (alias.equals(target) ? "" : " " + target);
      for (String cidr : new String[] {child.ipv4(), child.ipv6()}) {
        if (cidr != null) {
          lines.add(IpPrefix.parse(cidr).address().getHostAddress() + "\t" + names);
        }
      }
    }
    return lines;
  }

  // ---------------------------------------------------------------- open: reconcile and predefined networks

  /**
   * Finishes or undoes what dead processes left half done, removes stale sandboxes, then lets every driver
   * delete kernel objects no stored network or endpoint owns. Records of live processes are left alone.
   */
  private void reconcile() {
    RuntimeException failure = null;
    for (EndpointState e : List.copyOf(endpoints.values())) {
      try {
        reconcileEndpoint(e);
      } catch (RuntimeException x) {
        failure = collect(failure, x);
      }
    }
    for (ContainerState c : List.copyOf(containers.values())) {
      try {
        reconcileContainer(c);
      } catch (RuntimeException x) {
        failure = collect(failure, x);
      }
    }
    for (NetworkState n : List.copyOf(networks.values())) {
      try {
        reconcileNetwork(n);
      } catch (RuntimeException x) {
        failure = collect(failure, x);
      }
    }
    // Inside a write transaction: every intent another process committed is in the mirror, and none can be
    // committed (and its kernel objects made) while the drivers sweep.
    RuntimeException swept = write(tx -> {
      RuntimeException problems = null;
      for (Map.Entry<String, NetworkDriver> d : drivers.entrySet()) {
        List<NetworkSpec> ns = networks.values().stream().filter(n -> n.driver().equals(d.getKey()))
            .map(Controller::spec).toList();
        Set<String> ids = ns.stream().map(NetworkSpec::id).collect(java.util.stream.Collectors.toSet());
        List<EndpointSpec> es = endpoints.values().stream()
            .filter(e -> ids.contains(e.networkId()) && e.phase() != Phase.CONFIGURED)
            .map(e -> spec(networks.get(e.networkId()), e)).toList();
        try {
          d.getValue().removeLeaked(ns, es);
        } catch (RuntimeException x) {
          problems = collect(problems, x);
        }
      }
      return problems;
    });
    if (swept != null) {
      failure = collect(failure, swept);
    }
    if (failure != null) {
      LOG.log(Level.WARNING, "reconcile at open was incomplete", failure);
    }
  }

  private void reconcileEndpoint(EndpointState e) {
    if (!e.phase().transitional() || Owner.alive(e.owner())) {
      return;
    }
    NetworkState n = networks.get(e.networkId());
    ContainerState c = containers.get(e.containerId());
    if (n != null && drivers.containsKey(n.driver())) {
      unplumb(n, e, c);
    }
    // A half-made connect is rolled back and a half-done disconnect finished: either way the endpoint goes.
    // A half-done start or stop leaves the endpoint configured (static addresses, aliases, links, options).
    boolean keep = e.phase() == Phase.STARTING || e.phase() == Phase.STOPPING;
    write(tx -> {
      if (keep) {
        tx.put(EndpointState.KIND, e.id(), e.configured());
      } else {
        tx.delete(EndpointState.KIND, e.id());
      }
      return null;
    });
  }

  private void reconcileContainer(ContainerState c) {
    boolean dead = c.phase().transitional() && !Owner.alive(c.owner());
    boolean stale = c.phase() == Phase.READY && !Files.exists(Path.of(c.namespacePath()));
    if (!dead && !stale) {
      if (interruptedStartOrStop(c)) {
        settleStopped(c);
      }
      return;
    }
    for (EndpointState e : endpointsOfContainer(c.id())) {
      NetworkState n = networks.get(e.networkId());
      if (e.phase() != Phase.CONFIGURED && n != null && drivers.containsKey(n.driver())) {
        unplumb(n, e, c);
      }
    }
    if (c.namespaceName() != null && (c.phase() != Phase.READY || stale)) {
      Sandboxes.delete(c.namespaceName());
    }
    boolean linkable = onDefaultBridge(c.id());
    write(tx -> {
      for (EndpointState e : endpointsOfContainer(c.id())) {
        tx.delete(EndpointState.KIND, e.id());
      }
      tx.delete(ContainerState.KIND, c.id());
      tx.publish(Containers.event(c, Event.Action.DESTROY));
      return null;
    });
    if (linkable) {
      rewriteLinkParents(c.name(), c.id());
    }
  }

  /**
   * A start or stop its (dead) process left half done: start and stop write the container's record first, so
   * a running container with a configured endpoint, or a stopped one with a plumbed endpoint, is one.
   * Endpoints that live processes are joining or leaving are theirs to finish.
   */
  private boolean interruptedStartOrStop(ContainerState c) {
    if (c.phase() != Phase.READY || Owner.alive(c.owner())) {
      return false;
    }
    List<EndpointState> mine = endpointsOfContainer(c.id());
    if (mine.stream().anyMatch(e -> e.phase().transitional())) {
      return false; // only live owners' intents are left after the endpoint pass
    }
    return mine.stream().anyMatch(e -> c.running() ? e.phase() == Phase.CONFIGURED : e.phase() != Phase.CONFIGURED);
  }

  /** Undoes a half-done start, or finishes a half-done stop: every endpoint unplumbed and configured, stopped. */
  private void settleStopped(ContainerState c) {
    List<EndpointState> plumbed = endpointsOfContainer(c.id()).stream()
        .filter(e -> e.phase() != Phase.CONFIGURED).toList();
    for (EndpointState e : plumbed) {
      NetworkState n = networks.get(e.networkId());
      if (n != null && drivers.containsKey(n.driver())) {
        unplumb(n, e, c);
      }
    }
    ContainerState stopped = c.with(Phase.READY, false);
    write(tx -> {
      plumbed.forEach(e -> tx.put(EndpointState.KIND, e.id(), e.configured()));
      tx.put(ContainerState.KIND, c.id(), stopped);
      if (!c.running()) {
        tx.publish(Containers.event(stopped, Event.Action.STOP)); // the stop's event, published when it ends
      }
      return null;
    });
    rewriteFiles(c.id());
  }

  private void reconcileNetwork(NetworkState n) {
    if (!n.phase().transitional() || Owner.alive(n.owner())) {
      return;
    }
    if (drivers.containsKey(n.driver())) {
      driver(n.driver()).deleteNetwork(spec(n));
    }
    // half made: rolled back; half deleted: finished. Either way the network goes.
    write(tx -> {
      for (EndpointState e : endpointsOfNetwork(n.id())) {
        tx.delete(EndpointState.KIND, e.id());
      }
      tx.delete(NetworkState.KIND, n.id());
      return null;
    });
  }

  private void createPredefined() {
    record Predefined(String name, String driver, Map<String, String> options) {}
    List<Predefined> wanted = List.of(
        new Predefined("bridge", "bridge", Map.of(
            "com.docker.network.bridge.default_bridge", "true",
            "com.docker.network.bridge.enable_icc", "true",
            "com.docker.network.bridge.enable_ip_masquerade", "true",
            "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0",
            "com.docker.network.bridge.name", "docker0",
            "com.docker.network.driver.mtu", "1500")),
        new Predefined("host", "host", Map.of()),
        new Predefined("none", "null", Map.of()));
    for (Predefined p : wanted) {
      if (!drivers.containsKey(p.driver()) || networks.values().stream().anyMatch(n -> n.name().equals(p.name()))) {
        continue;
      }
      if (driver(p.driver()).capabilities().addressing() && !ipam.has("default")) {
        LOG.warning("predefined network " + p.name() + " not created: no \"default\" IPAM driver is installed");
        continue;
      }
      NetworkBuilder b = new NetworkBuilder(p.name(), r -> null).driver(p.driver());
      Map<String, String> options = new java.util.TreeMap<>(p.options());
      if (p.name().equals("bridge")) {
        options.putAll(config.defaultBridgeOptions());
      }
      options.forEach(b::option);
      if (p.name().equals("bridge") && driver("bridge").capabilities().addressing()) {
        b.subnet("172.17.0.0/16").gateway("172.17.0.1");
      }
      try {
        create(b.request(), true);
      } catch (ConflictException e) {
        // another process on this state directory made it first
      }
    }
  }
}
