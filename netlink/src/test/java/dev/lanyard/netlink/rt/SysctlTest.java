package dev.lanyard.netlink.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@KernelTest
class SysctlTest {
  private static final Path OWN_IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");

  @Test
  void writesInsideTheNamespaceOnly(LabNamespace scratch) throws Exception {
    String ownBefore = Files.readString(OWN_IP_FORWARD).strip();
    try (NetNs ns = NetNs.open(scratch.path())) {
      String flipped = scratch.exec("cat", "/proc/sys/net/ipv4/ip_forward").orFail().stdout().strip().equals("1")
          ? "0" : "1";
      Sysctl.write(ns, "net.ipv4.ip_forward", flipped);
      assertThat(scratch.exec("cat", "/proc/sys/net/ipv4/ip_forward").orFail().stdout().strip()).isEqualTo(flipped);
      assertThat(Sysctl.read(ns, "net.ipv4.ip_forward")).isEqualTo(flipped);
    }
    assertThat(Files.readString(OWN_IP_FORWARD).strip()).isEqualTo(ownBefore);
  }

  @Test
  void slashFormReachesInterfaceNamesWithDots(LabNamespace scratch) {
    scratch.exec("ip", "link", "add", "br0.5", "type", "bridge").orFail();
    try (NetNs ns = NetNs.open(scratch.path())) {
      Sysctl.write(ns, "net/ipv4/conf/br0.5/forwarding", "1");
    }
    assertThat(scratch.exec("cat", "/proc/sys/net/ipv4/conf/br0.5/forwarding").orFail().stdout().strip())
        .isEqualTo("1");
  }

  @Test
  void badKeysAreRejectedAndMissingOnesAreEnoent(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path())) {
      assertThatThrownBy(() -> Sysctl.write(ns, "kernel.hostname", "x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel.hostname");
      assertThatThrownBy(() -> Sysctl.write(ns, "net/../kernel/hostname", "x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("..");
      assertThatThrownBy(() -> Sysctl.read(ns, "net.ipv4.no_such_key"))
          .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
          .hasMessageContaining("net.ipv4.no_such_key");
      assertThatThrownBy(() -> Sysctl.write(ns, "net.ipv4.ip_forward", "maybe"))
          .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
          .hasMessageContaining("net.ipv4.ip_forward=maybe");
    }
  }
}
