package dev.lanyard.bridge;

import dev.lanyard.Container;
import dev.lanyard.Networks;
import dev.lanyard.conformance.NetworkConformance;
import dev.lanyard.testlab.KernelLab;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * core-api's conformance suite over the real bridge driver and the real default IPAM, with a scratch host
 * namespace per test; containers are real named namespaces.
 */
@KernelTest
@ExtendWith(BridgeConformanceTest.TakeLab.class)
class BridgeConformanceTest extends NetworkConformance {
  private LabNamespace host;
  private Lab lab;

  /**
   * The suite opens its controller in its own {@code @BeforeEach}, which takes no parameters: this callback
   * (after the kernel lab's, before any {@code @BeforeEach} method) hands the test its lab and host namespace.
   */
  static final class TakeLab implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
      Lab lab = context.getStore(ExtensionContext.Namespace.create(KernelLab.class)).get(Lab.class, Lab.class);
      BridgeConformanceTest test = (BridgeConformanceTest) context.getRequiredTestInstance();
      test.lab = lab;
      test.host = lab.namespace();
    }
  }

  @Override
  protected Networks open(Path stateDirectory) {
    return Networks.builder().stateDirectory(stateDirectory).hostNamespace(host.path()).namespacePrefix(lab.prefix()).open();
  }

  @Override
  protected Container container(Networks networks, String name) {
    return networks.adopt(name, lab.namespace().path());
  }
}
