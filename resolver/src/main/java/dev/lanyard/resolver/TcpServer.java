package dev.lanyard.resolver;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.Threads;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.xbill.DNS.Rcode;

/**
 * DNS over TCP for every container: one thread accepts on all containers' listeners; each connection
 * is served by a small pool ({@value #WORKERS} threads, idle ones end) with blocking reads and a
 * {@value #IDLE_MILLIS} ms idle limit. TCP is the rare path (after a truncated UDP answer), so forwarding
 * here is blocking and opens a connection per upstream in the right namespace.
 */
final class TcpServer implements AutoCloseable {
  static final int WORKERS = 8;
  static final int IDLE_MILLIS = 5000;

  private final Supplier<NameTable> table;
  private final Forwarder forwarder;
  private final NetNs hostNs;
  private final Selector selector;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ThreadPoolExecutor workers;
  private final Thread thread;
  private volatile boolean running = true;

  TcpServer(Supplier<NameTable> table, Forwarder forwarder, NetNs hostNs) {
    this.table = table;
    this.forwarder = forwarder;
    this.hostNs = hostNs;
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("open the DNS TCP selector", e);
    }
    AtomicInteger n = new AtomicInteger();
    workers = new ThreadPoolExecutor(0, WORKERS, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "lanyard-dns-tcp-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    thread = new Thread(this::run, "lanyard-dns-tcp-accept");
    thread.setDaemon(true);
    thread.start();
  }

  void add(ContainerServer server) {
    tasks.add(() -> {
      try {
        server.tcp.register(selector, SelectionKey.OP_ACCEPT, server);
      } catch (ClosedChannelException e) {
        // removed before it was registered
      }
    });
    selector.wakeup();
  }

  /** Stops accepting for {@code server} and closes its listener; completes once the port is free. */
  CompletableFuture<Void> remove(ContainerServer server) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    tasks.add(() -> {
      ContainerServer.closeRegistered(server.tcp, selector);
      done.complete(null);
    });
    selector.wakeup();
    return done;
  }

  private void run() {
    while (running) {
      try {
        selector.select();
      } catch (IOException e) {
        continue;
      }
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
      for (SelectionKey key : selector.selectedKeys()) {
        if (key.isValid() && key.isAcceptable()) {
          accept((ServerSocketChannel) key.channel(), (ContainerServer) key.attachment());
        }
      }
      selector.selectedKeys().clear();
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // shutting down
    }
  }

  private void accept(ServerSocketChannel listener, ContainerServer server) {
    SocketChannel connection;
    try {
      connection = listener.accept();
    } catch (IOException e) {
      return;
    }
    if (connection == null) {
      return;
    }
    try {
      workers.execute(() -> serve(connection, server));
    } catch (RejectedExecutionException e) {
      closeQuietly(connection.socket()); // all workers busy: the client retries
    }
  }

  private void serve(SocketChannel connection, ContainerServer server) {
    PacketHandler handler = new PacketHandler(System.nanoTime());
    ByteBuffer in = ByteBuffer.allocate(0xFFFF);
    ByteBuffer out = ByteBuffer.allocate(0xFFFF);
    try (Socket socket = connection.socket()) {
      connection.configureBlocking(true);
      socket.setSoTimeout(IDLE_MILLIS);
      DataInputStream input = new DataInputStream(socket.getInputStream());
      DataOutputStream output = new DataOutputStream(socket.getOutputStream());
      while (running) {
        int length = input.readUnsignedShort();
        input.readFully(in.array(), 0, length);
        ContainerView view = table.get().view(server.containerId);
        if (view == null) {
          return;
        }
        int n = handler.handle(in, length, out, out.capacity(), view, false);
        byte[] answer;
        if (n == PacketHandler.FORWARD) {
          answer = forward(server, Arrays.copyOf(in.array(), length));
        } else if (n > 0) {
          answer = Arrays.copyOf(out.array(), n);
        } else {
          continue;
        }
        if (answer != null) {
          output.writeShort(answer.length);
          output.write(answer);
          output.flush();
        }
      }
    } catch (EOFException e) {
      // the client closed the connection
    } catch (IOException | RuntimeException e) {
      // idle timeout, reset or a broken client: the connection ends, the server goes on
    }
  }

  /** Blocking forward over TCP, in upstream order; REFUSED past the in-flight limit, SERVFAIL if none answers. */
  private byte[] forward(ContainerServer server, byte[] query) {
    if (!forwarder.acquire()) {
      return SlowPath.error(query, Rcode.REFUSED, 0xFFFF);
    }
    try {
      for (InetSocketAddress upstream : forwarder.upstreams()) {
        byte[] answer = ask(server, upstream, query);
        if (answer != null && answer.length >= 12) {
          int rcode = answer[3] & 0x0F;
          if (rcode != Rcode.SERVFAIL && rcode != Rcode.REFUSED) {
            return answer;
          }
        }
      }
      return SlowPath.error(query, Rcode.SERVFAIL, 0xFFFF);
    } finally {
      forwarder.release();
    }
  }

  private byte[] ask(ContainerServer server, InetSocketAddress upstream, byte[] query) {
    NetNs ns = upstream.getAddress().isLoopbackAddress() ? hostNs : server.netns;
    try (SocketChannel channel = ns == null ? SocketChannel.open() : ns.call(SocketChannel::open);
        Socket socket = channel.socket()) {
      socket.connect(upstream, (int) Forwarder.TIMEOUT_MILLIS);
      socket.setSoTimeout((int) Forwarder.TIMEOUT_MILLIS);
      DataOutputStream output = new DataOutputStream(socket.getOutputStream());
      output.writeShort(query.length);
      output.write(query);
      output.flush();
      InputStream raw = socket.getInputStream();
      DataInputStream input = new DataInputStream(raw);
      byte[] answer = new byte[input.readUnsignedShort()];
      input.readFully(answer);
      return answer;
    } catch (IOException | RuntimeException e) {
      return null; // unreachable, timed out or closed: the next server
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // the connection is dropped either way
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    workers.shutdownNow();
    Threads.joinUninterruptibly(thread);
  }
}
