package dev.lanyard.spi;

import java.util.Collection;

/**
 * Plumbs networks and endpoints into the kernel, like libnetwork's {@code driverapi.Driver}. The
 * controller is its only caller. It calls {@link #createNetwork} / {@link #deleteNetwork} once per
 * network and {@link #join} / {@link #leave} once per endpoint, never twice concurrently for the same
 * object, but possibly concurrently for different objects: implementations must be thread-safe.
 *
 * <p>Every host-side object goes into {@link DriverContext#hostNamespace()}. A failed call must leave
 * nothing behind (undo its own partial work) and throw a {@link dev.lanyard.NetworkException}; the
 * controller then restores its store. Teardown calls ({@link #deleteNetwork}, {@link #leave}) must be
 * idempotent: after a crash the controller repeats them for objects that may be half made or gone.
 *
 * <p>Optional capabilities are separate interfaces a driver may also implement, e.g. {@link PortPublisher}.
 */
public interface NetworkDriver extends AutoCloseable {
  DriverCapabilities capabilities();

  /** Makes the network's kernel objects (e.g. a bridge with the gateway addresses). */
  void createNetwork(NetworkSpec network);

  /** Removes the network's kernel objects; a network already gone is not an error. */
  void deleteNetwork(NetworkSpec network);

  /** Puts the endpoint's interface into the sandbox with its addresses and routes. */
  JoinResult join(NetworkSpec network, EndpointSpec endpoint, SandboxSpec sandbox);

  /** Takes the endpoint's interface out and removes it; an endpoint already gone is not an error. */
  void leave(NetworkSpec network, EndpointSpec endpoint, SandboxSpec sandbox);

  /**
   * Called by {@link dev.lanyard.Networks} at open, after the store has been reconciled: removes every
   * kernel object of this driver in the host namespace that belongs to none of the given networks and
   * endpoints (leaked by a crash). Never stops at the first error.
   */
  void removeLeaked(Collection<NetworkSpec> networks, Collection<EndpointSpec> endpoints);

  @Override
  default void close() {}
}
