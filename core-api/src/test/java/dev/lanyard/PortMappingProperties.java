package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.spi.PortMapping;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Docker's rules for {@code -p} ranges as {@link PortMapping} checks them, and the per-port view of a range. */
class PortMappingProperties {
  @Property
  void rangesOfEqualLengthOrAHostRangeForOnePortAreAcceptedAndOthersRefusedNamingBoth(
      @ForAll @IntRange(min = 1, max = 60000) int container, @ForAll @IntRange(min = 0, max = 30) int containerSpan,
      @ForAll @IntRange(min = 1, max = 60000) int host, @ForAll @IntRange(min = 0, max = 30) int hostSpan) {
    boolean accepted = containerSpan == 0 || containerSpan == hostSpan;
    if (accepted) {
      PortMapping p = new PortMapping(container, container + containerSpan, "tcp", "", host, host + hostSpan);
      assertThat(p.count()).isEqualTo(containerSpan + 1);
    } else {
      assertThatThrownBy(() -> new PortMapping(container, container + containerSpan, "tcp", "", host, host + hostSpan))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessage("invalid ranges specified for container and host Ports: " + container + "-"
              + (container + containerSpan) + " and " + (hostSpan == 0 ? Integer.toString(host) : host + "-" + (host + hostSpan)));
    }
    // no host port: any free ones, for any container range
    assertThat(new PortMapping(container, container + containerSpan, "udp", "::1", 0, 0).count())
        .isEqualTo(containerSpan + 1);
  }

  @Property
  void singlesListEveryPortOfARangeInOrder(@ForAll @IntRange(min = 1, max = 60000) int container,
      @ForAll @IntRange(min = 1, max = 60000) int host, @ForAll @IntRange(min = 0, max = 30) int span) {
    PortMapping range = new PortMapping(container, container + span, "sctp", "127.0.0.1", host, host + span);
    assertThat(range.singles()).hasSize(span + 1);
    for (int i = 0; i <= span; i++) {
      PortMapping one = range.singles().get(i);
      assertThat(one).isEqualTo(new PortMapping(container + i, "sctp", "127.0.0.1", host + i));
      assertThat(one.key()).isEqualTo((container + i) + "/sctp");
    }
  }

  @Property
  void anEndOfZeroMeansOnePortAsInDocumentsStoredBeforeRanges(@ForAll @IntRange(min = 1, max = 65535) int container,
      @ForAll @IntRange(min = 0, max = 65535) int host) {
    assertThat(new PortMapping(container, 0, "tcp", "0.0.0.0", host, 0))
        .isEqualTo(new PortMapping(container, "tcp", "0.0.0.0", host));
  }

  @Property
  void badValuesAreRefusedNamingThem(@ForAll @IntRange(min = 65536, max = 70000) int tooBig) {
    assertThatThrownBy(() -> new PortMapping(tooBig, "tcp", "", 0)).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid containerPort: " + tooBig);
    assertThatThrownBy(() -> new PortMapping(80, 80, "tcp", "", 0, 5)).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid hostPort: 0-5");
    assertThatThrownBy(() -> new PortMapping(80, "icmp", "", 0)).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid proto: icmp");
    assertThatThrownBy(() -> new PortMapping(80, "tcp", "localhost", 0)).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid IP address: localhost");
  }
}
