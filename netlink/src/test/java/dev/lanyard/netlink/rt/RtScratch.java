package dev.lanyard.netlink.rt;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.LabNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The common ground of the rtnetlink kernel tests: each test's scratch namespace (from the
 * {@code @KernelTest} lab) with an rtnetlink handle opened inside it, closed after the test.
 */
abstract class RtScratch {
  LabNamespace scratch;
  NetNs ns;
  RtNetlink rt;

  @BeforeEach
  void openScratch(LabNamespace scratch) {
    this.scratch = scratch;
    ns = NetNs.open(scratch.path());
    rt = RtNetlink.openIn(ns);
  }

  @AfterEach
  void closeScratch() {
    rt.close();
    ns.close();
  }
}
