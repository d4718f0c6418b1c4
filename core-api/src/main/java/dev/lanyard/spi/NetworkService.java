package dev.lanyard.spi;

/**
 * A service that follows the network model, e.g. the embedded DNS resolver. Made by a
 * {@link NetworkServiceProvider} when a controller opens and closed with it. It learns changes through
 * {@link dev.lanyard.Networks#subscribe} on the controller it is given, and reads the model through the
 * same controller.
 */
public interface NetworkService extends AutoCloseable {
  @Override
  void close();
}
