package dev.lanyard.bridge;

import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.Threads;
import dev.lanyard.netlink.rt.RtNetlink;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes retired veth pairs off the caller's path, many at a time. Deleting a veth holds the RTNL lock
 * through an RCU grace period (tens of milliseconds on a loaded host), and every other link change waits
 * for it. Disconnect therefore only retires a pair — down, out of its bridge, renamed, and put in the
 * interface group {@link #RETIRED_GROUP} — and this thread deletes the whole group with one message when
 * the driver has been idle for {@value #IDLE_MILLIS} ms (or {@value #MAX_PENDING} are pending): the kernel
 * unregisters a group as one batch with one grace period (200 pairs: ~50 ms at once against ~3 s one by
 * one). A retired pair carries no traffic. One background thread per driver; pairs whose deletion a crash
 * lost are still in the group (or carry a retired name) and are deleted by {@link BridgeDriver#removeLeaked}.
 */
final class VethReaper implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(VethReaper.class.getName());
  static final long IDLE_MILLIS = 100;
  static final int MAX_PENDING = 256;
  /**
   * The interface group of retired Lanyard veth host ends in the host namespace ("LNYR"); every Lanyard
   * driver on that namespace may delete it, since nothing else is ever put in it.
   */
  static final int RETIRED_GROUP = 0x4c4e5952;

  private final RtNetlink rt;
  private final Thread thread;
  private int pending;
  private long lastActivity = System.nanoTime();
  private boolean closing;

  /**
   * Deletes with a netlink socket of its own in {@code host}: a deletion's system call returns only after the
   * kernel's wait for the last references to the pair (outside the RTNL lock, but inside the call), and a
   * socket shared with the driver would hold its next request behind that wait.
   */
  VethReaper(NetNs host) {
    this.rt = RtNetlink.openIn(host);
    this.thread = new Thread(this::loop, "lanyard-bridge-veth-reaper");
    thread.setDaemon(true);
    thread.start();
  }

  /** Postpones deletions: a foreground link change is under way. */
  synchronized void busy() {
    lastActivity = System.nanoTime();
  }

  /** Notes one more pair in {@link #RETIRED_GROUP}. */
  synchronized void retired() {
    pending++;
    lastActivity = System.nanoTime();
    notifyAll();
  }

  private void loop() {
    while (true) {
      int deleting;
      synchronized (this) {
        while (true) {
          if (pending == 0) {
            if (closing) {
              return;
            }
            waitQuietly(0);
            continue;
          }
          long idleFor = (System.nanoTime() - lastActivity) / 1_000_000;
          if (closing || idleFor >= IDLE_MILLIS || pending >= MAX_PENDING) {
            break;
          }
          waitQuietly(IDLE_MILLIS - idleFor);
        }
        deleting = pending;
        pending = 0;
      }
      deleteRetired(rt, deleting);
    }
  }

  /** Deletes every pair in {@link #RETIRED_GROUP} of {@code rt}'s namespace; an empty group is fine. */
  static void deleteRetired(RtNetlink rt, int expected) {
    try {
      rt.deleteGroup(RETIRED_GROUP);
    } catch (ErrnoException e) {
      if (e.errno() != Errno.ENODEV) {
        LOG.log(Level.WARNING, "cannot delete " + expected + " retired veth pairs; removed as leaked at the next open", e);
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
    Threads.joinUninterruptibly(thread);
    rt.close();
  }
}
