package dev.lanyard.resolver;

import static dev.lanyard.resolver.Models.container;
import static dev.lanyard.resolver.Models.on;
import static dev.lanyard.resolver.ResolverTest.digShort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Garbage sent to a live server: it keeps answering and starts no threads. */
@KernelTest
class ServerFuzzTest {
  private static Set<String> resolverThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("lanyard-dns")).collect(Collectors.toSet());
  }

  /**
   * The flood overruns the socket buffer (the kernel drops the excess, as for any UDP server); answers
   * come in order, so once a marker query sent after the flood is answered, the server has worked
   * through the flood. A dropped marker is sent again.
   */
  private static void awaitDrained(DatagramChannel client, InetSocketAddress server) throws Exception {
    byte[] marker = FastPathProperties.wire(new FastPathProperties.Query("db", 1, true, null, 0xBEEF));
    DatagramSocket socket = client.socket();
    socket.setSoTimeout(1000);
    DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
    for (int attempt = 0; attempt < 30; attempt++) {
      client.send(ByteBuffer.wrap(marker), server);
      try {
        while (true) {
          socket.receive(answer);
          byte[] a = answer.getData();
          if (answer.getLength() >= 2 && (a[0] & 0xFF) == 0xBE && (a[1] & 0xFF) == 0xEF) {
            return;
          }
        }
      } catch (SocketTimeoutException e) {
        // the marker was dropped with the flood: send it again
      }
    }
    throw new AssertionError("the server never answered the marker query after the flood");
  }

  @Test
  void randomAndMutatedPacketsNeitherStopTheServerNorLeakThreads(LabNamespace c, LabNamespace other) throws Exception {
    try (Resolver r = Resolver.builder().start();
        NetNs ns = NetNs.open(c.path());
        DatagramChannel client = ns.call(DatagramChannel::open)) {
      r.update(DnsModel.of(container("web", c, on("appnet", "10.88.0.2")), container("db", other, on("appnet", "10.88.0.3"))));
      assertThat(digShort(c, "db")).containsExactly("10.88.0.3");
      Set<String> before = resolverThreads();
      InetSocketAddress server = new InetSocketAddress("127.0.0.11", 53);
      byte[] valid = FastPathProperties.wire(new FastPathProperties.Query("db", 1, true, 1232, 9));
      SplittableRandom random = new SplittableRandom(42);
      for (int i = 0; i < 3000; i++) {
        byte[] packet;
        if (i % 2 == 0) {
          packet = new byte[random.nextInt(0, 700)];
          random.nextBytes(packet);
        } else {
          packet = valid.clone();
          for (int k = random.nextInt(1, 5); k > 0; k--) {
            packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
          }
        }
        client.send(ByteBuffer.wrap(packet), server);
      }
      awaitDrained(client, server);
      assertThat(digShort(c, "db")).containsExactly("10.88.0.3");
      assertThat(digShort(c, "+tcp", "web")).containsExactly("10.88.0.2");
      Set<String> after = resolverThreads();
      after.removeIf(n -> n.startsWith("lanyard-dns-tcp-") && !n.equals("lanyard-dns-tcp-accept")); // pooled, bounded
      assertThat(after).isEqualTo(before);
    }
  }
}
