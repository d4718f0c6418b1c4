package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.internal.Faults;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A child JVM killed while it makes a container's namespace: the next open removes what it left. */
@KernelTest
class ContainerCrashKernelTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"run.intent", "run.kernel"})
  void aHalfMadeContainerIsRolledBackAtOpen(String point, Lab lab, LabNamespace host) throws Exception {
    String ns = lab.prefix() + "crashy";
    Process child = ChildJvm.start(List.of(Faults.PROPERTY + "=" + point), "run", dir.toString(),
        host.path().toString(), lab.prefix(), "crashy");
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(Faults.STATUS);
    if (point.equals("run.kernel")) {
      assertThat(Files.exists(Path.of("/run/netns", ns))).as("the namespace the child left").isTrue();
    }
    try (Networks networks = Networks.builder().stateDirectory(dir).hostNamespace(host.path())
        .namespacePrefix(lab.prefix()).open()) {
      assertThat(networks.findContainer("crashy")).isEmpty();
      assertThat(LabNamespace.json(List.of("ip", "-j", "netns", "list")).toString()).doesNotContain("\"" + ns + "\"");
      assertThat(Files.exists(Path.of("/etc/netns", ns))).isFalse();
      assertThat(networks.run("crashy", o -> o.network("none")).namespaceName()).contains(ns);
    }
  }
}
