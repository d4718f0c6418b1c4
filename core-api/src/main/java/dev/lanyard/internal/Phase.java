package dev.lanyard.internal;

/**
 * Where a stored object is in its life. The transitional phases are intents: the store says what is being
 * done before the kernel is touched, so {@code open} can finish or undo it after a crash.
 */
enum Phase {
  /** Network or container: recorded, kernel objects being made. */
  CREATING,
  /** Network or container: made. */
  READY,
  /** Network or container: being removed. */
  DELETING,
  /** Endpoint of a stopped container: configuration only, nothing in the kernel, no dynamic address. */
  CONFIGURED,
  /** Endpoint: addresses reserved, being plumbed by a connect (undone: it goes). */
  JOINING,
  /** Endpoint: plumbed. */
  ACTIVE,
  /** Endpoint: being unplumbed by a disconnect (it goes). */
  LEAVING,
  /** Endpoint of a container being started: addresses reserved, being plumbed; undone back to CONFIGURED. */
  STARTING,
  /** Endpoint of a container being stopped: being unplumbed, kept as CONFIGURED. */
  STOPPING;

  boolean transitional() {
    return this == CREATING || this == DELETING || this == JOINING || this == LEAVING || this == STARTING
        || this == STOPPING;
  }
}
