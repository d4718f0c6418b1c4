package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.InvalidParameterException;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** {@code -p} and {@code --expose} parsing, and the ellipsis of {@code ps}. */
class PortSpecProperties {
  @Property
  void publishRoundTrips(@ForAll @IntRange(min = 0, max = 65535) int host, @ForAll @IntRange(min = 1, max = 65535) int container,
      @ForAll("protocols") String protocol) {
    String text = (host == 0 ? "" : host + ":") + container + "/" + protocol;
    assertThat(PortSpec.parsePublish(text)).isEqualTo(new PortSpec("", host, host, container, container, protocol));
    // an explicit address is kept (0.0.0.0 binds IPv4 only, as in Docker); IPv6 in brackets
    assertThat(PortSpec.parsePublish("0.0.0.0:" + (host == 0 ? ":" : "") + text))
        .isEqualTo(new PortSpec("0.0.0.0", host, host, container, container, protocol));
    assertThat(PortSpec.parsePublish("[::1]:" + (host == 0 ? ":" : "") + text))
        .isEqualTo(new PortSpec("::1", host, host, container, container, protocol));
  }

  @Property
  void publishRangesFollowDockersRules(@ForAll @IntRange(min = 1, max = 60000) int host,
      @ForAll @IntRange(min = 1, max = 60000) int container, @ForAll @IntRange(min = 0, max = 20) int span,
      @ForAll @IntRange(min = 0, max = 20) int otherSpan) {
    String hostRange = span == 0 ? Integer.toString(host) : host + "-" + (host + span);
    String containerRange = otherSpan == 0 ? Integer.toString(container) : container + "-" + (container + otherSpan);
    String text = "127.0.0.1:" + hostRange + ":" + containerRange;
    if (span == otherSpan || otherSpan == 0) {
      PortSpec p = PortSpec.parsePublish(text);
      assertThat(p).isEqualTo(new PortSpec("127.0.0.1", host, host + span, container, container + otherSpan, "tcp"));
      assertThat(p.mapping().count()).isEqualTo(otherSpan + 1);
    } else {
      assertThatThrownBy(() -> PortSpec.parsePublish(text)).isInstanceOf(InvalidParameterException.class)
          .hasMessage("invalid ranges specified for container and host Ports: " + containerRange + " and " + hostRange);
    }
    // no host port: free ports for the whole container range
    assertThat(PortSpec.parsePublish(containerRange + "/udp").mapping().singles()).hasSize(otherSpan + 1);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> protocols() {
    return net.jqwik.api.Arbitraries.of("tcp", "udp", "sctp");
  }

  @Property
  void exposeRangeGivesEveryPort(@ForAll @IntRange(min = 1, max = 65000) int from, @ForAll @IntRange(min = 0, max = 20) int span) {
    assertThat(PortSpec.parseExpose(from + "-" + (from + span))).hasSize(span + 1)
        .allSatisfy(p -> assertThat(p.hostPort()).isZero())
        .extracting(PortSpec::containerPort).startsWith(from).endsWith(from + span);
  }

  @Example
  void badPortsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> PortSpec.parsePublish("8080:0")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid port \"0\" in 8080:0");
    assertThatThrownBy(() -> PortSpec.parsePublish("8080:80/icmp")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid proto: icmp in 8080:80/icmp");
    assertThatThrownBy(() -> PortSpec.parsePublish("127.0.0.x:8080:80")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid IP address: 127.0.0.x");
    assertThatThrownBy(() -> PortSpec.parsePublish("8090-8080:80")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid port range \"8090-8080\" in 8090-8080:80");
    assertThatThrownBy(() -> PortSpec.parseExpose("90-80")).isInstanceOf(InvalidParameterException.class);
  }

  @Property
  void ellipsisKeepsAPrefixAndTheLimit(@ForAll @StringLength(max = 60) String text, @ForAll @IntRange(min = 1, max = 40) int max) {
    String cut = ContainerListing.ellipsis(text, max);
    assertThat(cut.codePointCount(0, cut.length())).isLessThanOrEqualTo(Math.max(max, 0));
    if (text.codePointCount(0, text.length()) <= max) {
      assertThat(cut).isEqualTo(text);
    } else {
      assertThat(cut).endsWith("…");
      assertThat(text).startsWith(cut.substring(0, cut.length() - 1));
    }
  }
}
