package dev.lanyard;

/** A registered event listener; {@link #close} stops delivery (events already being delivered finish). */
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
