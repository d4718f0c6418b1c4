package dev.lanyard.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ResolvConfTest {
  private static final String HOST = """
      # generated
      nameserver 127.0.0.53
      nameserver 192.0.2.1
      nameserver fe80::1%eth0
      nameserver 2001:db8::1
      nameserver not-an-address
      search corp.example lab.example
      options edns0 timeout:2
      """;

  @Test
  void parsesServersSearchAndOptionsAndKeepsThreeUpstreams() throws Exception {
    HostResolvConf host = HostResolvConf.parse(HOST);
    assertThat(host.nameservers()).containsExactly(InetAddress.getByName("127.0.0.53"),
        InetAddress.getByName("192.0.2.1"), InetAddress.getByName("fe80::1"), InetAddress.getByName("2001:db8::1"));
    assertThat(host.upstreams()).hasSize(3).first().isEqualTo(InetAddress.getByName("127.0.0.53"));
    assertThat(host.search()).containsExactly("corp.example", "lab.example");
    assertThat(host.options()).containsExactly("edns0", "timeout:2");
  }

  @Test
  void aUserNetworkContainerGetsTheEmbeddedServerWithHostSearchAndNdotsZero() {
    assertThat(ContainerResolvConf.embedded(HostResolvConf.parse(HOST))).isEqualTo("""
        nameserver 127.0.0.11
        search corp.example lab.example
        options edns0 timeout:2 ndots:0
        """);
    assertThat(ContainerResolvConf.embedded(HostResolvConf.parse("options ndots:3\n")))
        .isEqualTo("nameserver 127.0.0.11\noptions ndots:3\n");
  }

  @Test
  void ipv6ServersAreWrittenInShortForm() throws Exception {
    assertThat(ContainerResolvConf.text(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
    assertThat(ContainerResolvConf.text(InetAddress.getByName("::1"))).isEqualTo("::1");
    assertThat(ContainerResolvConf.text(InetAddress.getByName("fd00::"))).isEqualTo("fd00::");
    assertThat(ContainerResolvConf.text(InetAddress.getByName("1:2:3:4:5:6:7:8"))).isEqualTo("1:2:3:4:5:6:7:8");
  }

  @Test
  void aDefaultBridgeContainerGetsTheHostServersWithoutLoopbackOrDefaultsWhenNoneRemain() {
    assertThat(ContainerResolvConf.defaultBridge(HostResolvConf.parse(HOST), false)).isEqualTo("""
        nameserver 192.0.2.1
        search corp.example lab.example
        options edns0 timeout:2
        """);
    assertThat(ContainerResolvConf.defaultBridge(HostResolvConf.parse(HOST), true))
        .contains("nameserver 2001:db8::1\n").doesNotContain("127.0.0.53");
    assertThat(ContainerResolvConf.defaultBridge(HostResolvConf.parse("nameserver 127.0.0.53\n"), false))
        .isEqualTo("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
  }
}
