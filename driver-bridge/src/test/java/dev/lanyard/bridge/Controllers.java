package dev.lanyard.bridge;

import dev.lanyard.Container;
import dev.lanyard.Networks;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import dev.lanyard.testlab.LabNamespaces;
import java.nio.file.Path;

/** Controllers for kernel tests: host namespace a lab namespace (loopback up, as on any host), names under the lab's prefix. */
final class Controllers {
  private Controllers() {}

  static Networks open(Path stateDirectory, Lab lab, LabNamespace host) {
    host.exec("ip", "link", "set", "lo", "up").orFail();
    return Networks.builder().stateDirectory(stateDirectory).hostNamespace(host.path()).namespacePrefix(lab.prefix())
        .open();
  }

  /** The namespace of a container the controller made. */
  static LabNamespace ns(Lab lab, Container c) {
    return LabNamespaces.of(lab.prefix() + c.name());
  }
}
