package dev.lanyard.net;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The default-bridge resolv.conf keeps every remote name server and no loopback one, whatever the addresses. */
class ResolvConfProperties {
  @Property
  void defaultBridgeDropsOnlyLoopbackNameservers(@ForAll @IntRange(min = 1, max = 254) int a,
      @ForAll @IntRange(min = 1, max = 254) int b) {
    String remote = "nameserver 10." + a + "." + b + ".1";
    String local = "nameserver 127.0." + a + "." + b;
    HostResolvConf host = HostResolvConf.parse("search example.org\n" + local + "\n" + remote + "\nnameserver ::1\n");
    assertThat(ContainerResolvConf.defaultBridge(host, true)).isEqualTo(remote + "\nsearch example.org\n");
    assertThat(ContainerResolvConf.defaultBridge(HostResolvConf.parse(local), false))
        .isEqualTo("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
  }
}
