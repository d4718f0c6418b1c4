package dev.lanyard.netlink.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.NetlinkException;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

@KernelTest
class ErrorTest extends RtScratch {
  @Test
  void addingAnExistingLinkIsEexistNamingTheOperation() {
    rt.add(new Bridge(LinkAttrs.named("br0")));
    assertThatThrownBy(() -> rt.add(new Bridge(LinkAttrs.named("br0"))))
        .isInstanceOfSatisfying(NetlinkException.class, e -> {
          assertThat(e.errno()).isEqualTo(Errno.EEXIST);
          assertThat(e.operation()).isEqualTo("add link br0");
        })
        .hasMessageContaining("add link br0").hasMessageContaining("EEXIST");
  }

  @Test
  void aMissingLinkIsEnodevByNameAndByIndex() {
    assertThatThrownBy(() -> rt.link("nosuch0"))
        .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV))
        .hasMessageContaining("get link nosuch0").hasMessageContaining("ENODEV");
    assertThatThrownBy(() -> rt.delete(4242))
        .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV))
        .hasMessageContaining("delete link 4242");
  }

  @Test
  void anInvalidValueIsEinvalWithTheKernelsMessage() {
    int index = rt.add(new Veth(LinkAttrs.named("d0"), LinkAttrs.named("d1"))).index();
    assertThatThrownBy(() -> rt.setMtu(index, 1_000_000))
        .isInstanceOfSatisfying(NetlinkException.class, e -> {
          assertThat(e.errno()).isEqualTo(Errno.EINVAL);
          assertThat(e.kernelMessage()).containsIgnoringCase("mtu");
        })
        .hasMessageContaining("set mtu 1000000 on link " + index).hasMessageContaining("EINVAL");
    assertThat(scratch.ip("link", "show", "d0").get(0).path("mtu").asInt()).isEqualTo(1500);
  }

  @Test
  void aNameLongerThan15BytesIsRejectedBeforeTheKernel() {
    String name = "sixteen-bytes-00";
    assertThatThrownBy(() -> new Bridge(LinkAttrs.named(name)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name).hasMessageContaining("15");
    int index = rt.add(new Bridge(LinkAttrs.named("br0"))).index();
    assertThatThrownBy(() -> rt.setName(index, name)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
    assertThatThrownBy(() -> rt.link("bad/name")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad/name");
    assertThat(scratch.ip("link", "show", "br0").get(0).path("ifname").asText()).isEqualTo("br0");
  }

  @Test
  void aVethPeerAskedToBeCreatedUpIsRejectedBeforeTheKernel() {
    assertThatThrownBy(() -> new Veth(LinkAttrs.named("vh0"), LinkAttrs.named("eth0").withUp(true)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eth0");
    assertThat(scratch.ip("link", "show").toString()).doesNotContain("vh0");
  }

  @Test
  void aMissingNamespaceIsEnoentNamingIt(Lab lab) {
    String missing = lab.prefix() + "-gone";
    assertThatThrownBy(() -> RtNetlink.openIn(NetNs.named(missing)))
        .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
        .hasMessageContaining(missing);
  }

  @Test
  void aVethPeerInANamespaceThatWasClosedIsEbadf(LabNamespace other) {
    NetNs closed = NetNs.open(other.path());
    closed.close();
    assertThatThrownBy(() -> rt.addVeth(Veth.pair("vh0", "eth0"), closed))
        .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF))
        .hasMessageContaining("add link vh0");
    assertThat(scratch.ip("link", "show").toString()).doesNotContain("vh0");
  }

  @Test
  void theFirstFailingMessageOfARequestIsNamed() throws Exception {
    int br = rt.add(new Bridge(LinkAttrs.named("br0").withUp(true))).index();
    RtRequest request = rt.request()
        .addAddress(Address.of(br, InetAddress.getByName("10.50.0.1"), 24))
        .addRoute(Route.defaultVia(InetAddress.getByName("10.99.0.1")))
        .setMtu(br, 1400);
    assertThatThrownBy(request::execute)
        .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENETUNREACH))
        .hasMessageContaining("add route default via 10.99.0.1");
    // the kernel handles each message on its own: those before and after the failing one took effect
    assertThat(scratch.ip("addr", "show", "br0").toString()).contains("10.50.0.1");
    assertThat(scratch.ip("link", "show", "br0").get(0).path("mtu").asInt()).isEqualTo(1400);
    // the answers queued behind the error were taken off the socket: the next request reads its own
    List<Link> links = rt.request().setMtu(br, 1300).getLink("br0").execute();
    assertThat(links).singleElement().satisfies(l -> assertThat(l.attrs().mtu()).isEqualTo(1300));
    assertThat(rt.request().getLink("lo").execute()).singleElement()
        .satisfies(l -> assertThat(l.attrs().name()).isEqualTo("lo"));
  }
}
