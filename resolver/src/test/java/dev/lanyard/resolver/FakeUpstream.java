package dev.lanyard.resolver;

import dev.lanyard.netlink.NetNs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.xbill.DNS.Message;

/** A DNS server for tests, listening on ADDRESS:53 (UDP) inside a scratch namespace; null behaviour = silent. */
final class FakeUpstream implements AutoCloseable {
  private final DatagramChannel channel;
  private final Thread thread;
  private final Semaphore received = new Semaphore(0);

  private FakeUpstream(DatagramChannel channel, Function<Message, Message> behaviour) {
    this.channel = channel;
    thread = new Thread(() -> serve(behaviour), "fake-upstream");
    thread.setDaemon(true);
    thread.start();
  }

  static FakeUpstream start(Path netns, String address, Function<Message, Message> behaviour) {
    try (NetNs ns = NetNs.open(netns)) {
      DatagramChannel ch = ns.call(() -> {
        DatagramChannel c = DatagramChannel.open();
        c.bind(new InetSocketAddress(InetAddress.getByName(address), 53));
        return c;
      });
      return new FakeUpstream(ch, behaviour);
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread.join();
  }
}
