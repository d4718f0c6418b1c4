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
 * entered the namespace when {@link #start} returns (a failure to enter is thrown there) and never leaves
 * it; {@link #close} ends it after the calls already queued. Thread-safe; the namespace handle must stay
 * open until this is closed.
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
  private final CompletableFuture<Void> ended;
  private volatile boolean closed;

  private NamespaceThread(NetNs ns) {
    CompletableFuture<Void> entered = new CompletableFuture<>();
    ended = ns.callAsync(() -> {
      entered.complete(null);
      serve();
      return null;
    });
    ended.whenComplete((ok, failure) -> {
      if (failure != null) {
        entered.completeExceptionally(failure);
      }
    });
    try {
      entered.join();
    } catch (CompletionException e) {
      throw NetNs.failureOf(e.getCause());
    }
  }

  /** Starts the thread inside {@code ns}; throws (an {@link ErrnoException} of {@code setns}) if it cannot enter. */
  public static NamespaceThread start(NetNs ns) {
    return new NamespaceThread(ns);
  }

  private void serve() throws InterruptedException {
    while (true) {
      FutureTask<?> task = tasks.take();
      if (task == STOP) {
        return;
      }
      task.run();
    }
  }

  /** Runs {@code task} on the thread inside the namespace and returns its result; its exception is rethrown. */
  public <T> T call(Callable<T> task) {
    FutureTask<T> queued = new FutureTask<>(task);
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("namespace thread closed");
      }
      tasks.add(queued);
    }
    try {
      return Threads.getUninterruptibly(queued);
    } catch (ExecutionException e) {
      throw NetNs.failureOf(e.getCause());
    }
  }

  /** Ends the thread once the calls queued before have run, and waits for it. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      tasks.add(STOP);
    }
    try {
      Threads.getUninterruptibly(ended);
    } catch (ExecutionException e) {
      // the loop itself does not fail: nothing to report
    }
  }
}
