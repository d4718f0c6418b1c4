package dev.lanyard.resolver;

import dev.lanyard.net.HostResolvConf;
import dev.lanyard.netlink.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.xbill.DNS.Rcode;

/**
 * Forwards UDP queries the containers' names cannot answer to the host's upstream servers, on its own
 * thread so the serving loop never waits. Servers are tried in order, {@value #TIMEOUT_MILLIS} ms each;
 * SERVFAIL or REFUSED moves on to the next; any other answer is relayed; when none answers the client
 * gets SERVFAIL. A loopback upstream is asked from the host namespace, any other from the container's.
 * At most {@value #MAX_IN_FLIGHT} forwards (UDP and TCP together) are in flight.
 */
final class Forwarder implements AutoCloseable {
  static final int MAX_IN_FLIGHT = 1024;
  static final long TIMEOUT_MILLIS = 4000;
  static final int PORT = 53;

  private final List<InetSocketAddress> upstreams;
  private final DatagramChannel host;
  private final Selector selector;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentLinkedQueue<Pending> submitted = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<Deadline> deadlines = new ArrayDeque<>();
  private final Map<DatagramChannel, Map<Integer, Pending>> waiting = new IdentityHashMap<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(0x10000);
  private final Thread thread;
  private volatile boolean running = true;

  /** {@code host} is a UDP channel of the host namespace, for loopback upstreams. */
  Forwarder(List<InetAddress> upstreams, DatagramChannel host) {
    this.upstreams = upstreams.stream().limit(HostResolvConf.MAX_UPSTREAMS)
        .map(a -> new InetSocketAddress(a, PORT)).toList();
    this.host = host;
    try {
      host.configureBlocking(false);
      selector = Selector.open();
      host.register(selector, SelectionKey.OP_READ);
    } catch (IOException e) {
      throw new UncheckedIOException("open the DNS forwarder", e);
    }
    thread = new Thread(this::run, "lanyard-dns-forward");
    thread.setDaemon(true);
    thread.start();
  }

  List<InetSocketAddress> upstreams() {
    return upstreams;
  }

  /** Takes a slot of the in-flight limit; false when {@value #MAX_IN_FLIGHT} are taken. */
  boolean acquire() {
    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      return false;
    }
    return true;
  }

  void release() {
    inFlight.decrementAndGet();
  }

  /**
   * Forwards {@code query} for {@code server}'s container; {@code respond} gets the answer (already
   * cut to {@code clientLimit}) on the forwarder's thread. False, and nothing sent, if the limit is hit.
   */
  boolean submit(ContainerServer server, byte[] query, int clientLimit, Consumer<byte[]> respond) {
    if (!acquire()) {
      return false;
    }
    submitted.add(new Pending(server, query, clientLimit, respond));
    selector.wakeup();
    return true;
  }

  /** Closes {@code server}'s forwarding socket on this thread; its pending queries time out into SERVFAIL. */
  CompletableFuture<Void> remove(ContainerServer server) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    tasks.add(() -> {
      ContainerServer.closeRegistered(server.forward, selector);
      waiting.remove(server.forward);
      done.complete(null);
    });
    selector.wakeup();
    return done;
  }

  private void run() {
    while (running) {
      try {
        Deadline first = deadlines.peek();
        long wait = first == null ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(first.at - System.nanoTime()) + 1);
        selector.select(wait);
      } catch (IOException e) {
        continue;
      }
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
      Pending p;
      while ((p = submitted.poll()) != null) {
        tryNext(p);
      }
      for (SelectionKey key : selector.selectedKeys()) {
        if (key.isValid() && key.isReadable()) {
          receive((DatagramChannel) key.channel());
        }
      }
      selector.selectedKeys().clear();
      expire();
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing on shutdown; nothing is left to serve
    }
  }

  /** Sends the query to the next upstream; when there is none left, answers SERVFAIL. */
  private void tryNext(Pending p) {
    while (++p.attempt < upstreams.size()) {
      InetSocketAddress upstream = upstreams.get(p.attempt);
      DatagramChannel channel = upstream.getAddress().isLoopbackAddress() ? host : p.server.forward;
      try {
        if (channel.keyFor(selector) == null) {
          channel.register(selector, SelectionKey.OP_READ);
        }
        Map<Integer, Pending> open = waiting.computeIfAbsent(channel, c -> new HashMap<>());
        int id;
        do {
          id = ThreadLocalRandom.current().nextInt(0x10000);
        } while (open.containsKey(id));
        ByteBuffer out = ByteBuffer.wrap(p.query.clone());
        out.putShort(0, (short) id);
        channel.send(out, upstream);
        open.put(id, p);
        p.channel = channel;
        p.id = id;
        p.upstream = upstream;
        deadlines.add(new Deadline(p, p.attempt, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS)));
        return;
      } catch (IOException | RuntimeException e) {
        // unreachable from this namespace or the container is gone: try the next server
      }
    }
    finish(p, SlowPath.error(p.query, Rcode.SERVFAIL, p.clientLimit));
  }

  private void receive(DatagramChannel channel) {
    Map<Integer, Pending> open = waiting.get(channel);
    while (true) {
      buffer.clear();
      SocketAddress from;
      try {
        from = channel.receive(buffer);
      } catch (IOException e) {
        return; // an ICMP error of an earlier send; the timeout handles that server
      }
      if (from == null) {
        return;
      }
      if (open == null || buffer.position() < 12 || (buffer.get(2) & 0x80) == 0) {
        continue;
      }
      Pending p = open.get(buffer.getShort(0) & 0xFFFF);
      if (p == null || !from.equals(p.upstream)) {
        continue; // late, spoofed or from another server: ignore
      }
      open.remove(p.id);
      p.channel = null;
      int rcode = buffer.get(3) & 0x0F;
      if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED) {
        tryNext(p);
        continue;
      }
      byte[] answer = new byte[buffer.position()];
      buffer.get(0, answer);
      answer[0] = p.query[0];
      answer[1] = p.query[1];
      finish(p, answer.length > p.clientLimit ? SlowPath.truncate(answer, p.clientLimit) : answer);
    }
  }

  private void expire() {
    long now = System.nanoTime();
    while (!deadlines.isEmpty() && deadlines.peek().at - now <= 0) {
      Deadline d = deadlines.poll();
      Pending p = d.pending;
      if (p.attempt == d.attempt && p.channel != null) {
        Map<Integer, Pending> open = waiting.get(p.channel);
        if (open != null) { // null once the container's forwarding socket is closed
          open.remove(p.id);
        }
        p.channel = null;
        tryNext(p);
      }
    }
  }

  private void finish(Pending p, byte[] answer) {
    inFlight.decrementAndGet();
    if (answer != null) {
      p.respond.accept(answer);
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    Threads.joinUninterruptibly(thread);
    try {
      host.close();
    } catch (IOException ignored) {
      // shutting down
    }
  }

  /** One forwarded query; touched only by the forwarder thread after submission. */
  private static final class Pending {
    final ContainerServer server;
    final byte[] query;
    final int clientLimit;
    final Consumer<byte[]> respond;
    int attempt = -1;
    DatagramChannel channel;
    int id;
    InetSocketAddress upstream;

    Pending(ContainerServer server, byte[] query, int clientLimit, Consumer<byte[]> respond) {
      this.server = server;
      this.query = query;
      this.clientLimit = clientLimit;
      this.respond = respond;
    }
  }

  /** When an attempt times out; the timeout is constant, so deadlines come in order. */
  private record Deadline(Pending pending, int attempt, long at) {}
}
