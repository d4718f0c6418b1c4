package dev.lanyard.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.Lab;
import dev.lanyard.testlab.LabNamespace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@KernelTest
class NetNsTest {
  private static final int RTM_GETLINK = 18;
  private static final int IFLA_IFNAME = 3;

  @Test
  void createdNamespaceIsSeenByIpNetnsAndDeletedLikeIproute2(Lab lab) {
    String name = lab.prefix() + "-made";
    try (NetNs ns = NetNs.create(name)) {
      assertThat(ns.isProcessNamespace()).isFalse();
      assertThat(ns.inode()).isNotEqualTo(NetNs.currentInode());
      LabNamespace seen = new LabNamespaceView(name).get();
      assertThat(seen.exec("ip", "-j", "link").orFail().stdout()).contains("\"ifname\":\"lo\"");
    }
    NetNs.delete(name);
    assertThat(NetNs.exists(name)).isFalse();
  }

  @Test
  void creatingAnExistingNamespaceFailsWithEexist(LabNamespace existing) {
    assertThatThrownBy(() -> NetNs.create(existing.name()))
        .isInstanceOf(ErrnoException.class)
        .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.EEXIST))
        .hasMessageContaining(existing.name()).hasMessageContaining("EEXIST");
  }

  @Test
  void openingAMissingNamespaceFailsWithEnoent(Lab lab) {
    assertThatThrownBy(() -> NetNs.named(lab.prefix() + "-missing"))
        .isInstanceOf(ErrnoException.class)
        .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.ENOENT));
  }

  @Test
  void callRunsInsideTheNamespaceAndLeavesTheCallerWhereItWas(LabNamespace scratch) {
    long before = NetNs.currentInode();
    try (NetNs ns = NetNs.open(scratch.path())) {
      long inside = ns.call(NetNs::currentInode);
      assertThat(inside).isEqualTo(ns.inode()).isNotEqualTo(before);
    }
    assertThat(NetNs.currentInode()).isEqualTo(before);
  }

  @Test
  void aSocketOpenedInsideSeesThatNamespaceFromAnyThread(LabNamespace scratch) {
    scratch.exec("ip", "link", "add", "br7", "type", "bridge").orFail();
    try (NetNs ns = NetNs.open(scratch.path());
        NetlinkSocket socket = NetlinkSocket.openIn(ns, Netlink.NETLINK_ROUTE)) {
      NlWriter dump = new NlWriter().begin(RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP)
          .putU8(LibC.AF_UNSPEC).putZeros(15).end();
      List<String> names = new ArrayList<>();
      socket.dump("list links", dump, m -> names.add(m.attrs(16).get(IFLA_IFNAME).string()));
      assertThat(names).containsExactlyInAnyOrder("lo", "br7");
    }
  }

  @Test
  void invalidNamesAreRejectedBeforeTouchingTheKernel() {
    assertThatThrownBy(() -> NetNs.namedPath("../etc")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../etc");
  }

  /** Wraps a name the code under test created, to use the lab's oracle on it. */
  private record LabNamespaceView(String name) {
    LabNamespace get() {
      return dev.lanyard.testlab.LabNamespaces.of(name);
    }
  }
}
