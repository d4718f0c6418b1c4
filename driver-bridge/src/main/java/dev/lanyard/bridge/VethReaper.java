package dev.lanyard.bridge;

import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.rt.RtNetlink;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes veth pairs off the caller's path. The kernel's veth deletion holds the RTNL lock through an RCU
 * grace period (tens of milliseconds on a loaded host), and every other link change waits for it: deleting
 * right behind a disconnect made the next connect pay the deletion instead. So deletions wait until the
 * driver has been idle for {@value #IDLE_MILLIS} ms (or {@value #MAX_PENDING} are pending). Disconnect has
 * already taken each pair down and out of its bridge, so a pending pair carries no traffic. One background
 * thread per driver; a deletion lost to a crash is found again by {@link BridgeDriver#removeLeaked} (the
 * name says it is ours).
 */
final class VethReaper implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(VethReaper.class.getName());
  static final long IDLE_MILLIS = 100;
  static final int MAX_PENDING = 256;

  private record Pending(int index, String name) {}

  private final RtNetlink rt;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private final Thread thread;
  private long lastActivity = System.nanoTime();
  private boolean closing;
  private int inFlight;

  VethReaper(RtNetlink rt) {
    this.rt = rt;
    this.thread = new Thread(this::loop, "lanyard-bridge-veth-reaper");
    thread.setDaemon(true);
    thread.start();
  }

  /** Postpones deletions: a foreground link change is under way. */
  synchronized void busy() {
    lastActivity = System.nanoTime();
  }

  /** Queues the deletion of the host end {@code index} (named {@code name}, for the log). */
  synchronized void delete(int index, String name) {
    pending.add(new Pending(index, name));
    lastActivity = System.nanoTime();
    notifyAll();
  }

  /** Deletes everything queued now and waits until it is done. */
  synchronized void drain() {
    lastActivity = 0;
    notifyAll();
    while (!pending.isEmpty() || inFlight > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void loop() {
    while (true) {
      Pending next;
      synchronized (this) {
        while (true) {
          if (pending.isEmpty()) {
            if (closing) {
              return;
            }
            waitQuietly(0);
            continue;
          }
          long idleFor = (System.nanoTime() - lastActivity) / 1_000_000;
          if (closing || lastActivity == 0 || idleFor >= IDLE_MILLIS || pending.size() >= MAX_PENDING) {
            break;
          }
          waitQuietly(IDLE_MILLIS - idleFor);
        }
        next = pending.poll();
        inFlight++;
      }
      try {
        rt.delete(next.index());
      } catch (ErrnoException e) {
        if (e.errno() != Errno.ENODEV) {
          LOG.log(Level.WARNING, "cannot delete veth " + next.name() + "; removed as leaked at the next open", e);
        }
      } finally {
        synchronized (this) {
          inFlight--;
          notifyAll();
        }
      }
    }
  }

  private void waitQuietly(long millis) {
    try {
      wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes what is queued, then stops the thread. */
  @Override
  public void close() {
    synchronized (this) {
      closing = true;
      notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
