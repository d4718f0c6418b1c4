package dev.lanyard.netlink.rt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Two namespaces joined by a bridge built with the toolkit only; real pings are the oracle. */
@KernelTest
class PingTest {
  @Test
  void containersOnABridgeReachEachOtherAndTheGateway(LabNamespace host, LabNamespace c1, LabNamespace c2)
      throws Exception {
    InetAddress gateway = InetAddress.getByName("10.60.0.1");
    try (NetNs hostNs = NetNs.open(host.path()); RtNetlink rt = RtNetlink.openIn(hostNs)) {
      int br = rt.add(new Bridge(LinkAttrs.named("br0").withUp(true))).index();
      rt.addAddress(Address.of(br, gateway, 24));
      attach(rt, br, c1, "vh1", "10.60.0.2", gateway);
      attach(rt, br, c2, "vh2", "10.60.0.3", gateway);
    }
    assertThat(c1.ping("10.60.0.3")).isTrue();
    assertThat(c2.ping("10.60.0.2")).isTrue();
    assertThat(c1.ping("10.60.0.1")).isTrue();
    assertThat(host.ping("10.60.0.3")).isTrue();
  }

  private static void attach(RtNetlink host, int bridge, LabNamespace container, String hostName, String ip,
      InetAddress gateway) throws Exception {
    try (NetNs ns = NetNs.open(container.path()); RtNetlink inside = RtNetlink.openIn(ns)) {
      Veth hostEnd = host.addVeth(new Veth(LinkAttrs.named(hostName).withUp(true).withMaster(bridge),
          LinkAttrs.named("eth0")), ns);
      int eth0 = hostEnd.peer().index();
      inside.request()
          .addAddress(Address.of(eth0, InetAddress.getByName(ip), 24))
          .setUp(eth0)
          .addRoute(Route.defaultVia(gateway))
          .execute();
    }
  }
}
