package dev.lanyard.resolver.service;

import dev.lanyard.InvalidParameterException;
import dev.lanyard.NetworkException;
import dev.lanyard.Networks;
import dev.lanyard.NotFoundException;
import dev.lanyard.Subscription;
import dev.lanyard.UnavailableException;
import dev.lanyard.net.HostResolvConf;
import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.Threads;
import dev.lanyard.resolver.DnsContainer;
import dev.lanyard.resolver.DnsModel;
import dev.lanyard.resolver.Resolver;
import dev.lanyard.spi.NetworkService;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Embedded DNS for the containers of one controller: follows its events (its own and, through the
 * store, other processes') and keeps a {@link Resolver} serving the controller's model. Of all processes
 * on one state directory exactly one serves at a time: the holder of {@code STATE/dns.lock} (see
 * {@link ServingLock}); the others wait for it in the background and take over when it dies, opening
 * their own sockets in every container's namespace (the dead server's sockets went with it).
 *
 * <p>Any JVM that opens a controller with the resolver module on its class path gets one automatically
 * ({@link DnsServiceProvider}; turned off with {@code -Dlanyard.dns=false}). A separate DNS process
 * (such as the CLI's daemon) calls {@link #serve} itself:
 *
 * <pre>{@code
 * try (Networks networks = Networks.builder().stateDirectory(dir).open();
 *      DnsService dns = DnsService.serve(networks)) {
 *   dns.awaitServing(Duration.ofMinutes(1));   // this process now answers 127.0.0.11 in every container
 *   ...                                         // until closed
 * }
 * }</pre>
 *
 * <p>Threads: one platform thread, {@code lanyard-dns-service}, waits for the lock, then owns the
 * resolver and calls {@link Resolver#update} after every event (several events in a burst make one
 * update). Events only mark the model stale, so the controller's event thread never waits for DNS. An
 * update that cannot serve some containers (say, 127.0.0.11:53 taken in an adopted namespace, or still
 * held by a dying predecessor's socket) serves the others and retries the rest with a growing pause
 * (50 ms to 5 s) until they work or change. A container's loopback must be up for queries to arrive:
 * the controller brings it up in the namespaces it makes; an adopted namespace is the caller's to set up.
 * All methods are thread-safe.
 */
public final class DnsService implements NetworkService {
  private static final Logger LOG = Logger.getLogger(DnsService.class.getName());
  private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long LAST_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final Map<Networks, DnsService> STARTED = new HashMap<>();

  private final Networks networks;
  private final Consumer<DnsModel> onServed;
  private final Thread worker;
  private final Subscription events;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean stale = true;
  private boolean waitingForLock = true;
  private boolean serving;
  private boolean closed;
  private DnsModel served = DnsModel.EMPTY;
  private Set<String> unserved = Set.of();
  private RuntimeException lastFailure;
  /** Counts changes of {@code serving}, {@code served}, {@code stale} and {@code closed}, for waiters. */
  private long version;
  private Set<String> reportedSkips = Set.of();
  private Set<String> reportedFailures = Set.of();

  private DnsService(Networks networks, Consumer<DnsModel> onServed) {
    this.networks = networks;
    this.onServed = onServed;
    this.worker = new Thread(this::run, "lanyard-dns-service");
    this.worker.setDaemon(true);
    this.events = networks.subscribe(event -> markStale());
  }

  /**
   * Starts serving DNS for {@code networks}' containers as soon as no other process serves its state
   * directory, and until {@link #close}. Returns at once; {@link #awaitServing} waits for the lock.
   * Close the service before {@code networks}.
   */
  public static DnsService serve(Networks networks) {
    return serve(networks, model -> { });
  }

  /**
   * Like {@link #serve(Networks)}; {@code onServed} gets every model once it is served (on the service
   * thread, after each update), e.g. for a DNS process to tell its clients what it serves. A throwing
   * listener is logged.
   */
  public static DnsService serve(Networks networks, Consumer<DnsModel> onServed) {
    if (networks == null || onServed == null) {
      throw new InvalidParameterException("networks or onServed is null");
    }
    DnsService service = new DnsService(networks, onServed);
    synchronized (STARTED) {
      STARTED.put(networks, service);
    }
    service.worker.start();
    return service;
  }

  /** The service started for {@code networks} (automatically or by {@link #serve}) and not yet closed. */
  public static Optional<DnsService> of(Networks networks) {
    synchronized (STARTED) {
      return Optional.ofNullable(STARTED.get(networks));
    }
  }

  /** Whether this process is the one serving DNS for the state directory. */
  public boolean serving() {
    lock.lock();
    try {
      return serving;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The model whose names the resolver serves now (empty while another process serves); every
   * container of it with embedded DNS has its server, except {@link #unservedContainers}.
   */
  public DnsModel servedModel() {
    lock.lock();
    try {
      return served;
    } finally {
      lock.unlock();
    }
  }

  /** Ids of the containers of {@link #servedModel} whose own server could not be opened yet (retried). */
  public Set<String> unservedContainers() {
    lock.lock();
    try {
      return unserved;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until this process serves the state directory.
   *
   * @throws UnavailableException after {@code timeout} (naming the last failure, if any) or once closed
   */
  public void awaitServing(Duration timeout) {
    await(timeout, now -> now.serving, "serving DNS for " + networks.stateDirectory());
  }

  /**
   * Waits until this process serves exactly the controller's current model: every running container's
   * names as the controller sees them now. Changes made meanwhile extend the wait.
   *
   * @throws UnavailableException after {@code timeout} (naming the last failure, if any) or once closed
   */
  public void awaitCurrent(Duration timeout) {
    await(timeout, now -> now.serving && now.unserved.isEmpty() && now.served.equals(ControllerDnsModel.of(networks)),
        "serving the current containers of " + networks.stateDirectory());
  }

  /** Waits until {@code done} holds; it is evaluated outside the lock, as it may read the controller. */
  private record Snapshot(boolean serving, DnsModel served, Set<String> unserved) {}

  private void await(Duration timeout, Predicate<Snapshot> done, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Snapshot now;
      long seen;
      lock.lock();
      try {
        now = new Snapshot(serving, served, unserved);
        seen = version;
      } finally {
        lock.unlock();
      }
      if (done.test(now)) {
        return;
      }
      lock.lock();
      try {
        while (version == seen) {
          long left = deadline - System.nanoTime();
          if (closed || left <= 0) {
            String state = closed ? "the DNS service is closed" : "timed out after " + timeout.toMillis() + " ms";
            throw lastFailure == null
                ? new UnavailableException(what + ": " + state)
                : new UnavailableException(what + ": " + state + "; last failure: " + lastFailure.getMessage(),
                    lastFailure);
          }
          changed.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted while waiting for " + what, e);
      } finally {
        lock.unlock();
      }
    }
  }

  private void markStale() {
    lock.lock();
    try {
      stale = true;
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    ServingLock held = null;
    try {
      held = ServingLock.acquire(networks.stateDirectory());
      lock.lock();
      try {
        waitingForLock = false;
        if (closed) {
          return; // close() may have interrupted us just after the lock came: start nothing
        }
      } finally {
        lock.unlock();
      }
      try (Resolver resolver = startResolver()) {
        lock.lock();
        try {
          if (closed) {
            return;
          }
          serving = true;
          version++;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
        LOG.info("serving DNS for " + networks.stateDirectory() + " (pid " + ProcessHandle.current().pid() + ")");
        followChanges(resolver);
      }
    } catch (InterruptedException | IOException e) {
      if (!isClosed()) {
        fail(new UnavailableException("cannot take the DNS lock of " + networks.stateDirectory() + ": " + e, e));
      }
    } catch (RuntimeException e) {
      fail(toApi(e));
    } finally {
      lock.lock();
      try {
        serving = false;
        served = DnsModel.EMPTY;
        unserved = Set.of();
        version++;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      if (held != null) {
        try {
          held.close();
        } catch (IOException e) {
          LOG.log(Level.WARNING, "releasing the DNS lock of " + networks.stateDirectory(), e);
        }
      }
      Thread.interrupted(); // an interrupt from close() that arrived late has done its job
    }
  }

  private Resolver startResolver() {
    return Resolver.builder().hostResolvConf(HostResolvConf.read(HostResolvConf.SYSTEM))
        .hostNamespace(networks.hostNamespace()).start();
  }

  /** Updates after every change until closed; a partial update is retried with a growing pause. */
  private void followChanges(Resolver resolver) throws InterruptedException {
    long retryNanos = 0;
    while (true) {
      lock.lock();
      try {
        while (!closed && !stale) {
          if (retryNanos == 0) {
            changed.await();
          } else if (changed.awaitNanos(retryNanos) <= 0) {
            break;
          }
        }
        if (closed) {
          return;
        }
        stale = false;
      } finally {
        lock.unlock();
      }
      boolean complete;
      try {
        complete = update(resolver);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "DNS update failed; retrying", e);
        publish(servedModel(), unservedContainers(), toApi(e));
        complete = false;
      }
      retryNanos = complete ? 0 : Math.min(LAST_RETRY_NANOS, Math.max(FIRST_RETRY_NANOS, retryNanos * 2));
    }
  }

  /** One update from the controller's model; returns whether every container is served. */
  private boolean update(Resolver resolver) {
    Set<String> skips = new HashSet<>();
    DnsModel wanted = ControllerDnsModel.of(networks, (name, why) -> {
      if (skips.add(name) && !reportedSkips.contains(name)) {
        LOG.warning("no embedded DNS for container \"" + name + "\": " + why.getMessage());
      }
    });
    reportedSkips = skips;
    try {
      resolver.update(wanted);
      publish(wanted, Set.of(), null);
      reportedFailures = Set.of();
      return true;
    } catch (RuntimeException whole) {
      // find the containers whose server cannot be opened; serve everything else, their names included
      Map<String, DnsContainer> before = new HashMap<>();
      resolver.model().containers().forEach(c -> before.put(c.id(), c));
      Set<String> running = resolver.servedContainers();
      Set<String> pending = new HashSet<>();
      for (DnsContainer c : wanted.containers()) {
        DnsContainer old = before.get(c.id());
        if (c.hasEmbeddedDns() && !(running.contains(c.id()) && old != null && old.netns().equals(c.netns()))) {
          pending.add(c.id());
        }
      }
      RuntimeException failure = whole;
      Set<String> failing = new HashSet<>();
      for (DnsContainer c : wanted.containers()) {
        if (!pending.remove(c.id())) {
          continue;
        }
        Set<String> withoutServer = new HashSet<>(pending);
        withoutServer.addAll(failing);
        try {
          resolver.update(wanted, withoutServer);
        } catch (RuntimeException e) {
          failure = e;
          failing.add(c.id());
          if (!reportedFailures.contains(c.id())) {
            LOG.log(Level.WARNING, "cannot serve DNS in container \"" + c.name() + "\" yet; retrying", e);
          }
        }
      }
      reportedFailures = failing;
      resolver.update(wanted, failing);
      publish(wanted, failing, failing.isEmpty() ? null : toApi(failure));
      return failing.isEmpty();
    }
  }

  private void publish(DnsModel model, Set<String> withoutServer, RuntimeException failure) {
    lock.lock();
    try {
      served = model;
      unserved = Set.copyOf(withoutServer);
      lastFailure = failure;
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      onServed.accept(model);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a listener of the served DNS model failed", e);
    }
  }

  private void fail(RuntimeException e) {
    LOG.log(Level.WARNING, "the DNS service of " + networks.stateDirectory() + " stopped", e);
    lock.lock();
    try {
      lastFailure = e;
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Resolver errors as the API's kinds: bad values, missing namespaces, kernel or I/O refusals. */
  static RuntimeException toApi(RuntimeException e) {
    if (e instanceof NetworkException) {
      return e;
    }
    if (e instanceof IllegalArgumentException) {
      return new InvalidParameterException(e.getMessage(), e);
    }
    if (e instanceof ErrnoException x && x.errno() == Errno.ENOENT) {
      return new NotFoundException(e.getMessage(), e);
    }
    return new UnavailableException(String.valueOf(e.getMessage()), e);
  }

  /**
   * Stops serving (another process waiting for the lock takes over) and ends the thread; the sockets
   * in the containers are closed when this returns.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (waitingForLock) {
        worker.interrupt(); // waiting for the lock is interruptible and holds nothing yet
      }
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    events.close();
    synchronized (STARTED) {
      STARTED.remove(networks, this);
    }
    Threads.joinUninterruptibly(worker);
  }
}
