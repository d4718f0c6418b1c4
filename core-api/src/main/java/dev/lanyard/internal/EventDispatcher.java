package dev.lanyard.internal;

import dev.lanyard.Event;
import dev.lanyard.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers events to listeners on one daemon thread per controller, in the order they were committed to the
 * store. A listener that throws is logged and keeps its subscription; a slow one delays the others but never
 * the operation that caused the event.
 */
final class EventDispatcher {
  private static final Logger LOG = Logger.getLogger(EventDispatcher.class.getName());

  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "lanyard-events");
    t.setDaemon(true);
    return t;
  });

  Subscription subscribe(Consumer<Event> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void dispatch(List<Event> events) {
    if (events.isEmpty() || listeners.isEmpty()) {
      return;
    }
    List<Event> batch = List.copyOf(events);
    try {
      thread.execute(() -> {
        for (Event e : batch) {
          for (Consumer<Event> l : listeners) {
            try {
              l.accept(e);
            } catch (RuntimeException x) {
              LOG.log(Level.WARNING, "event listener failed on " + e, x);
            }
          }
        }
      });
    } catch (RejectedExecutionException closed) {
      // the controller is closing: no more deliveries
    }
  }

  void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
