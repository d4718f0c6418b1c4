package dev.lanyard.spi;

import java.util.List;

/**
 * Optional capability of a {@link NetworkDriver}: publishing container ports on the host. The
 * controller checks {@code driver instanceof PortPublisher}; connecting with ports to a network whose
 * driver lacks it is refused.
 */
public interface PortPublisher {
  /**
   * Publishes the endpoint's {@link EndpointSpec#ports()} and returns them as bound (host ports chosen).
   * A failure publishes nothing.
   */
  List<PortMapping> publish(NetworkSpec network, EndpointSpec endpoint);

  /** Withdraws what {@link #publish} bound; never stops at the first error. */
  void unpublish(NetworkSpec network, EndpointSpec endpoint, List<PortMapping> bound);
}
