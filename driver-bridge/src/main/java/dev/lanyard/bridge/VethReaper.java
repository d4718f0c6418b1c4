package dev.lanyard.bridge;

import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.rt.RtNetlink;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes veth pairs off the caller's path: the kernel's veth deletion waits for an RCU grace period
 * (tens of milliseconds), which disconnect should not pay. Disconnect has already taken the link down and
 * out of its bridge, so a pair waiting here carries no traffic. One background thread per driver; a
 * deletion lost to a crash is found again by {@link BridgeDriver#removeLeaked} (the name says it is ours).
 */
final class VethReaper implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(VethReaper.class.getName());

  private final RtNetlink rt;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "lanyard-bridge-veth-reaper");
    t.setDaemon(true);
    return t;
  });

  VethReaper(RtNetlink rt) {
    this.rt = rt;
  }

  /** Queues the deletion of the host end {@code index} (named {@code name}, for the log). */
  void delete(int index, String name) {
    thread.execute(() -> {
      try {
        rt.delete(index);
      } catch (ErrnoException e) {
        if (e.errno() != Errno.ENODEV) {
          LOG.log(Level.WARNING, "cannot delete veth " + name + "; removed as leaked at the next open", e);
        }
      }
    });
  }

  /** Waits until every deletion queued so far is done. */
  void drain() {
    try {
      thread.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Finishes the queued deletions, then stops the thread. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
