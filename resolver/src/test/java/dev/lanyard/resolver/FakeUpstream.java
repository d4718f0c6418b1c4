package dev.lanyard.resolver;

import dev.lanyard.netlink.NetNs;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.xbill.DNS.Message;

/**
 * A DNS server for tests, listening on ADDRESS:53 over UDP and TCP inside a scratch namespace; null
 * behaviour = silent. Counts the queries it receives (both transports).
 */
final class FakeUpstream implements AutoCloseable {
  private final DatagramChannel channel;
  private final ServerSocketChannel tcp;
  private final Thread thread;
  private final Thread tcpThread;
  private final Semaphore received = new Semaphore(0);

  private FakeUpstream(DatagramChannel channel, ServerSocketChannel tcp, Function<Message, Message> behaviour) {
    this.channel = channel;
    this.tcp = tcp;
    thread = new Thread(() -> serve(behaviour), "fake-upstream");
    thread.setDaemon(true);
    thread.start();
    tcpThread = new Thread(() -> serveTcp(behaviour), "fake-upstream-tcp");
    tcpThread.setDaemon(true);
    tcpThread.start();
  }

  static FakeUpstream start(Path netns, String address, Function<Message, Message> behaviour) {
    try (NetNs ns = NetNs.open(netns)) {
      InetSocketAddress at = ns.call(() -> new InetSocketAddress(InetAddress.getByName(address), 53));
      DatagramChannel udp = ns.call(() -> DatagramChannel.open().bind(at));
      ServerSocketChannel tcp = ns.call(() -> ServerSocketChannel.open().bind(at));
      return new FakeUpstream(udp, tcp, behaviour);
    }
  }

  /** One connection at a time: enough for tests. */
  private void serveTcp(Function<Message, Message> behaviour) {
    while (true) {
      try (SocketChannel c = tcp.accept();
          DataInputStream in = new DataInputStream(c.socket().getInputStream());
          DataOutputStream out = new DataOutputStream(c.socket().getOutputStream())) {
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        received.release();
        Message answer = behaviour == null ? null : behaviour.apply(new Message(query));
        if (answer != null) {
          byte[] wire = answer.toWire();
          out.writeShort(wire.length);
          out.write(wire);
          out.flush();
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // a broken test connection: serve the next
      }
    }
  }

  /** Blocks until {@code n} more queries have arrived. */
  void awaitQueries(int n) throws InterruptedException {
    received.acquire(n);
  }

  int queriesSoFar() {
    return received.availablePermits();
  }

  private void serve(Function<Message, Message> behaviour) {
    ByteBuffer buf = ByteBuffer.allocate(65535);
    while (true) {
      buf.clear();
      SocketAddress from;
      try {
        from = channel.receive(buf);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      received.release();
      byte[] bytes = new byte[buf.position()];
      buf.flip();
      buf.get(bytes);
      Message answer;
      try {
        answer = behaviour == null ? null : behaviour.apply(new Message(bytes));
      } catch (IOException e) {
        continue;
      }
      if (answer != null) {
        try {
          channel.send(ByteBuffer.wrap(answer.toWire()), from);
        } catch (IOException e) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      channel.close();
      tcp.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread.join();
    tcpThread.join();
  }
}
