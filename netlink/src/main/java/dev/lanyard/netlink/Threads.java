package dev.lanyard.netlink;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Thread helpers shared by the code that owns dedicated platform threads (namespace tasks, servers). */
public final class Threads {
  private Threads() {}

  /**
   * Waits until {@code thread} has ended, even if the caller is interrupted meanwhile (shutdown must
   * not leave a thread running in a namespace); the interrupt is restored afterwards.
   */
  public static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The result of {@code future}, waiting for it even if the caller is interrupted meanwhile (work running
   * inside a namespace still ends with an outcome that is the caller's); the interrupt is restored afterwards.
   */
  public static <T> T getUninterruptibly(Future<T> future) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
