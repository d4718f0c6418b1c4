package dev.lanyard;

import dev.lanyard.conformance.NetworkConformance;
import java.nio.file.Path;

/**
 * The conformance suite over the fake driver: no root needed, since the fake plumbs nothing and containers
 * are adopted references to this process's own namespace.
 */
class FakeDriverConformanceTest extends NetworkConformance {
  @Override
  protected Networks open(Path stateDirectory) {
    return Networks.builder().stateDirectory(stateDirectory).hostNamespace(Path.of("/proc/self/ns/net")).open();
  }

  @Override
  protected Container container(Networks networks, String name) {
    return networks.adopt(name, Path.of("/proc/self/ns/net"));
  }
}
