package dev.lanyard.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.net.IpPrefix;
import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sockets that hold published host ports, checked with sockets a second "process" opens in the namespace. */
@KernelTest
class HostPortSocketsTest {
  private static final InetAddress LOOPBACK = IpPrefix.parseAddress("127.0.0.1");

  private static boolean bindable(NetNs ns, String protocol, String address, int port) {
    return ns.call(() -> {
      InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(address), port);
      try {
        if (protocol.equals("udp")) {
          try (DatagramSocket s = new DatagramSocket(null)) {
            s.bind(at);
          }
        } else {
          try (ServerSocket s = new ServerSocket()) {
            s.bind(at);
          }
        }
        return true;
      } catch (SocketException e) {
        return false;
      }
    });
  }

  @Test
  void heldPortsCannotBeBoundByOthersUntilReleasedAndFamiliesAreHeldApart(LabNamespace lab) {
    lab.exec("ip", "link", "set", "lo", "up").orFail();
    try (NetNs ns = NetNs.open(lab.path()); HostPortSockets sockets = new HostPortSockets(ns)) {
      sockets.hold("tcp", List.of(IpPrefix.parseAddress("0.0.0.0")), 8000, 3);
      sockets.hold("udp", List.of(LOOPBACK), 5353, 1);
      assertThat(bindable(ns, "tcp", "0.0.0.0", 8000)).isFalse();
      assertThat(bindable(ns, "tcp", "127.0.0.1", 8002)).isFalse();
      assertThat(bindable(ns, "tcp", "0.0.0.0", 8003)).isTrue();
      assertThat(bindable(ns, "udp", "127.0.0.1", 5353)).isFalse();
      assertThat(bindable(ns, "udp", "127.0.0.1", 8000)).isTrue();
      // IPv6 sockets are V6ONLY, as Docker's: [::]:8000 can be held beside 0.0.0.0:8000 (a dual-stack socket,
      // like Java's, could not be bound there)
      assertThat(bindable(ns, "tcp", "::", 8000)).isFalse();
      sockets.hold("tcp", List.of(IpPrefix.parseAddress("::")), 8000, 1);
      sockets.release("tcp", IpPrefix.parseAddress("::"), 8000, 1);
      sockets.release("tcp", IpPrefix.parseAddress("0.0.0.0"), 8000, 3);
      sockets.release("udp", LOOPBACK, 5353, 1);
      assertThat(bindable(ns, "tcp", "0.0.0.0", 8001)).isTrue();
      assertThat(bindable(ns, "udp", "127.0.0.1", 5353)).isTrue();
    }
  }

  @Test
  void aPortSomeoneElseHoldsIsRefusedWithEaddrinuseAndNothingOfTheRangeIsKept(LabNamespace lab) throws Exception {
    lab.exec("ip", "link", "set", "lo", "up").orFail();
    try (NetNs ns = NetNs.open(lab.path()); HostPortSockets sockets = new HostPortSockets(ns);
        ServerSocket squatter = ns.call(() -> new ServerSocket(9002, 1, LOOPBACK))) {
      // 9002 on 127.0.0.1 is taken: nothing of the range is kept, on either address
      assertThatThrownBy(() -> sockets.hold("tcp", List.of(IpPrefix.parseAddress("127.0.0.2"), LOOPBACK), 9000, 5))
          .isInstanceOfSatisfying(HostPortSockets.BindException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE);
            assertThat(e.binding().toString()).isEqualTo("127.0.0.1:9002/tcp");
          });
      assertThat(bindable(ns, "tcp", "127.0.0.1", 9000)).isTrue();
      assertThat(bindable(ns, "tcp", "127.0.0.1", 9001)).isTrue();
      assertThat(bindable(ns, "tcp", "127.0.0.2", 9004)).isTrue();
      assertThat(squatter.isBound()).isTrue();
    }
  }

  @Test
  void aHeldTcpPortCompletesNoHandshake(LabNamespace lab) throws Exception {
    lab.exec("ip", "link", "set", "lo", "up").orFail();
    try (NetNs ns = NetNs.open(lab.path()); HostPortSockets sockets = new HostPortSockets(ns)) {
      sockets.hold("tcp", List.of(LOOPBACK), 8080, 1);
      // a listening socket answers a SYN even if nobody accepts; the drop-all filter keeps the SYN from it
      String outcome = ns.call(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(LOOPBACK, 8080), 700);
          return "connected";
        } catch (SocketTimeoutException e) {
          return "timed out";
        }
      });
      assertThat(outcome).isEqualTo("timed out");
    }
  }
}
