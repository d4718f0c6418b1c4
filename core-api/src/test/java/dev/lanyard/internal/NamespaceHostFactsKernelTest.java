package dev.lanyard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.net.IpPrefix;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import org.junit.jupiter.api.Test;

/** The on-link routes IPAM must avoid, read inside the host namespace; oracle: routes made with {@code ip}. */
@KernelTest
class NamespaceHostFactsKernelTest {
  @Test
  void onLinkRoutesOfTheHostNamespaceAreFoundAndGatewayRoutesAreNot(LabNamespace host) {
    host.exec("ip", "link", "add", "d0", "type", "bridge").orFail();
    host.exec("ip", "link", "set", "d0", "up").orFail();
    host.exec("ip", "addr", "add", "10.123.0.1/24", "dev", "d0").orFail();
    host.exec("ip", "-6", "addr", "add", "fd42:1::1/64", "dev", "d0", "nodad").orFail();
    host.exec("ip", "route", "add", "10.124.0.0/16", "via", "10.123.0.254").orFail();
    try (NamespaceHostFacts facts = new NamespaceHostFacts(host.path())) {
      var routes = facts.onLinkRoutes();
      assertThat(routes).contains(IpPrefix.parse("10.123.0.0/24"), IpPrefix.parse("fd42:1::/64"));
      assertThat(routes).doesNotContain(IpPrefix.parse("10.124.0.0/16"), IpPrefix.parse("fe80::/64"));
      assertThat(routes).noneMatch(r -> r.isIpv4() && r.address().isLoopbackAddress());

      // the kept socket sees later changes
      host.exec("ip", "addr", "add", "10.125.0.1/24", "dev", "d0").orFail();
      assertThat(facts.onLinkRoutes()).contains(IpPrefix.parse("10.125.0.0/24"));
    }
  }
}
