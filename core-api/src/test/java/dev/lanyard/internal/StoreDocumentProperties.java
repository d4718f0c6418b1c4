package dev.lanyard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.spi.PortMapping;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** What the controller writes to the store reads back as the same value. */
class StoreDocumentProperties {
  @Property
  void endpointsRoundTrip(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String name,
      @ForAll List<@AlphaChars @StringLength(min = 1, max = 10) String> aliases,
      @ForAll Map<@AlphaChars @StringLength(min = 1, max = 8) String, String> options,
      @ForAll @IntRange(min = 1, max = 65535) int port, @ForAll @IntRange(min = 0, max = 100) int more,
      @ForAll int gwPriority, @ForAll Phase phase) {
    EndpointState e = new EndpointState("e" + name, "n", "c", name, 3, "eth0", "02:42:ac:11:00:02", "172.17.0.2/16",
        null, "172.17.0.1", null, null, "fd00::5", aliases, Map.of("other", "alias"), List.of("169.254.1.1/16"),
        options, gwPriority, List.of(new PortMapping(port, "tcp", "0.0.0.0", 0)),
        List.of(new PortMapping(port - port / 2, port - port / 2 + Math.min(more, port / 2), "udp", "::1", port / 2 + 1,
            port / 2 + 1 + Math.min(more, port / 2))), Map.of("A", "b"), phase, Owner.SELF);
    assertThat(Controller.fromJson(Controller.toJson(e), EndpointState.class)).isEqualTo(e);
  }
}
