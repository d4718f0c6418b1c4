package dev.lanyard.netlink;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One platform thread that lives inside a network namespace and runs the calls given to it, one at a time,
 * in order: for code that works in the same namespace again and again (binding sockets there, say), where
 * {@link NetNs#call}'s new thread and {@code setns} per call would cost more than the work. The thread has
 * entered the namespace when {@link #start} returns (a failure to enter is thrown there) and leaves it only
 * for the length of a {@link #submitIn} call; {@link #close} ends it after the calls already queued.
 * Thread-safe; the namespace handle must stay open until this is closed.
 *
 * <pre>{@code
 * try (NamespaceThread inside = NamespaceThread.start(ns)) {
 *   int fd = inside.call(() -> LibC.socket(LibC.AF_INET, LibC.SOCK_STREAM, 0));
 * }
 * }</pre>
 */
public final class NamespaceThread implements AutoCloseable {
  private static final FutureTask<Void> STOP = new FutureTask<>(() -> null);

  private final BlockingQueue<FutureTask<?>> tasks = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final NetNs home;
  private volatile boolean closed;
  /** Set by the thread itself when it could not come back from another namespace; it then ends. */
  private volatile boolean stranded;

  private NamespaceThread(NetNs ns) {
    this.home = ns;
    CompletableFuture<Void> entered = new CompletableFuture<>();
    thread = ns.newThread("netns-" + ns.path().getFileName(), () -> {
      entered.complete(null);
      serve();
    });
    // NetNs.newThread ends the thread before the body when setns fails; the failure arrives here
    thread.setUncaughtExceptionHandler((t, failure) -> entered.completeExceptionally(failure));
    thread.start();
    try {
      entered.join();
    } catch (CompletionException e) {
      Threads.joinUninterruptibly(thread);
      throw NetNs.failureOf(e.getCause());
    }
  }

  /** Starts the thread inside {@code ns}; throws (an {@link ErrnoException} of {@code setns}) if it cannot enter. */
  public static NamespaceThread start(NetNs ns) {
    return new NamespaceThread(ns);
  }

  private void serve() {
    while (true) {
      FutureTask<?> task;
      try {
        task = tasks.take();
      } catch (InterruptedException e) {
        continue; // only STOP ends it: callers are waiting for the tasks queued before
      }
      if (task == STOP) {
        return;
      }
      task.run();
      if (stranded) {
        synchronized (this) {
          closed = true;
        }
        tasks.forEach(queued -> queued.cancel(false));
        return;
      }
    }
  }

  /** Runs {@code task} on the thread inside the namespace and returns its result; its exception is rethrown. */
  public <T> T call(Callable<T> task) {
    FutureTask<T> queued = new FutureTask<>(task);
    enqueue(queued);
    try {
      return Threads.getUninterruptibly(queued);
    } catch (ExecutionException e) {
      throw NetNs.failureOf(e.getCause());
    }
  }

  /**
   * Returns at once; the thread enters {@code other}, runs {@code task} there, comes back to its own namespace,
   * and only then completes the future (so nothing chained to it runs in {@code other}). For work that needs a
   * thread inside many namespaces once each (a socket per container) without starting a thread for each.
   * {@code other} must stay open until the future completes. Should the thread fail to come back (possible only
   * if its own namespace handle was closed), the future fails with that error and the thread ends: calls still
   * queued are cancelled, later ones refused.
   */
  public <T> CompletableFuture<T> submitIn(NetNs other, Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    enqueue(new FutureTask<Void>(() -> {
      T value = null;
      Throwable failure = null;
      try {
        other.enterOnThisThread();
        value = task.call();
      } catch (Throwable t) {
        failure = t;
      }
      try {
        home.enterOnThisThread();
      } catch (RuntimeException e) {
        stranded = true;
        failure = e;
      }
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
      return null;
    }) {
      @Override
      protected void done() {
        if (isCancelled()) {
          result.cancel(false); // queued behind a call after which the thread could not come back
        }
      }
    });
    return result;
  }

  private void enqueue(FutureTask<?> task) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("namespace thread closed");
      }
      tasks.add(task);
    }
  }

  /** Ends the thread once the calls queued before have run, and waits until it has ended. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      tasks.add(STOP);
    }
    Threads.joinUninterruptibly(thread);
  }
}
