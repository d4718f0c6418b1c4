package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-liner of DESIGN.md §2 on the shared default controller, pointed at a scratch state directory. */
class SharedControllerTest {
  @TempDir
  Path dir;

  @Test
  void oneLinerCreatesAndConnects() {
    System.setProperty(Networks.STATE_DIRECTORY_PROPERTY, dir.toString());
    System.setProperty(Networks.HOST_NAMESPACE_PROPERTY, "/proc/self/ns/net");
    try {
      Container container = Networks.shared().adopt("app", Path.of("/proc/self/ns/net"));
      Endpoint e = Networks.create("isolated_nw").subnet("172.25.0.0/16").connect(container);
      assertThat(e.networkName()).isEqualTo("isolated_nw");
      assertThat(e.ipv4().orElseThrow().toString()).startsWith("172.25.0.");
      assertThat(Networks.shared().stateDirectory()).isEqualTo(dir);
    } finally {
      Networks.shared().close();
      System.clearProperty(Networks.STATE_DIRECTORY_PROPERTY);
      System.clearProperty(Networks.HOST_NAMESPACE_PROPERTY);
    }
  }
}
