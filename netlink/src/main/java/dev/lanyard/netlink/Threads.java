package dev.lanyard.netlink;

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
}
