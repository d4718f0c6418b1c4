package dev.lanyard.resolver;

import static dev.lanyard.resolver.Models.container;
import static dev.lanyard.resolver.Models.on;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad model input is refused at construction with a message naming the bad value. */
class DnsModelTest {
  private static final Path NS = Path.of("/run/netns/a");

  @Test
  void containerFieldsAreChecked() {
    assertThatThrownBy(() -> new DnsContainer("xyz", "web", "web", NS, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"xyz\"");
    assertThatThrownBy(() -> container("we b", NS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"we b\"");
    assertThatThrownBy(() -> container("a..b", NS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty label");
    assertThatThrownBy(() -> container("x".repeat(64), NS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 63");
    assertThatThrownBy(() -> container("web", (Path) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"web\"");
    assertThatThrownBy(() -> container("web", NS, on("n1", "10.0.0.2"), on("n1", "10.0.0.3")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two endpoints on one network");
  }

  @Test
  void endpointFieldsAreChecked() {
    assertThatThrownBy(() -> on("n1", "10.0.0.2").withAliases("bad alias"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"bad alias\"");
    assertThatThrownBy(() -> on("n1", "10.0.0.2").withLinks(Map.of("ok", "bad target")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"bad target\"");
    assertThatThrownBy(() -> new DnsEndpoint("n1", " ", false, false, Optional.empty(), Optional.empty(), List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"n1\"");
  }

  @Test
  void duplicatesAcrossContainersAreRefused() {
    assertThatThrownBy(() -> DnsModel.of(container("web", NS, on("n1", "10.0.0.2")),
        container("WEB", Path.of("/run/netns/b"), on("n1", "10.0.0.3"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"WEB\" appears twice");
    assertThatThrownBy(() -> DnsModel.of(container("web", NS, on("n1", "10.0.0.2")),
        container("db", NS, on("n1", "10.0.0.3"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/run/netns/a").hasMessageContaining("\"db\"");
  }
}
