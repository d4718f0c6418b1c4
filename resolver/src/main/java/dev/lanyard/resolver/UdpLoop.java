package dev.lanyard.resolver;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.LibC;
import dev.lanyard.netlink.Threads;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.xbill.DNS.Rcode;

/**
 * The one thread that serves every container's UDP listener: {@code epoll} over all listener fds and an
 * eventfd for wake-ups (cost per wake-up follows the ready fds, not the number of containers), then per
 * readable fd batches of up to {@value #BATCH} datagrams with one {@code recvmmsg} and the answers
 * with one {@code sendmmsg}. All fd operations (receive, send, close)
 * happen on this thread, so a closed fd number can never be reused under it. Buffers are native and
 * allocated once for all containers.
 */
final class UdpLoop implements AutoCloseable {
  /** Datagrams per recvmmsg/sendmmsg call (the default). */
  static final int BATCH = 64;
  static final int SLOT = 4096;
  private static final int MMSGHDR = 64; // struct mmsghdr on LP64: msghdr (56) + msg_len (4) + padding
  private static final int IOVEC = 16;
  private static final int SOCKADDR = 16;
  private static final int MSG_TRUNC = 0x20;
  private static final byte[] ONE = {1, 0, 0, 0, 0, 0, 0, 0}; // eventfd counter increment, native order (LE)

  private final Supplier<NameTable> table;
  private final Forwarder forwarder;
  private final int batch;
  private final PacketHandler handler = new PacketHandler(System.nanoTime());
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final int wakeFd;
  private final byte[] wakeCounter = new byte[8];
  private final Thread thread;
  private volatile boolean running = true;

  private final Memory memory = new Memory((long) BATCH * (2 * MMSGHDR + 2 * IOVEC + SOCKADDR + 2 * SLOT));
  private final Pointer sendHeadersPointer = memory.share((long) BATCH * MMSGHDR);
  private final ByteBuffer recvHeaders;
  private final ByteBuffer sendHeaders;
  private final ByteBuffer sendIovecs;
  private final long namesAt;
  private final long outAt;
  private final ByteBuffer[] in = new ByteBuffer[BATCH];
  private final ByteBuffer[] out = new ByteBuffer[BATCH];
  private final ByteBuffer names;
  private final Memory relay = new Memory(0x10000);

  private final int epollFd;
  private final Memory events = new Memory((long) BATCH * LibC.EPOLL_EVENT_SIZE);
  private final ByteBuffer eventView = events.getByteBuffer(0, events.size()).order(ByteOrder.nativeOrder());
  /** Served listeners by fd number (fds are small and dense); touched only by the loop thread. */
  private ContainerServer[] byFd = new ContainerServer[64];

  /** {@code batch}: datagrams per syscall, 1 to {@value #BATCH} (1 measures what batching gains). */
  UdpLoop(Supplier<NameTable> table, Forwarder forwarder, int batch) {
    this.table = table;
    this.forwarder = forwarder;
    this.batch = batch;
    memory.clear(); // malloc'd, not zeroed: msg_control/msg_controllen must start as null/0
    long base = Pointer.nativeValue(memory);
    long recvHeadersAt = base;
    long sendHeadersAt = recvHeadersAt + (long) BATCH * MMSGHDR;
    long recvIovAt = sendHeadersAt + (long) BATCH * MMSGHDR;
    long sendIovAt = recvIovAt + (long) BATCH * IOVEC;
    namesAt = sendIovAt + (long) BATCH * IOVEC;
    long inAt = namesAt + (long) BATCH * SOCKADDR;
    outAt = inAt + (long) BATCH * SLOT;
    recvHeaders = view(recvHeadersAt - base, BATCH * MMSGHDR);
    sendHeaders = view(sendHeadersAt - base, BATCH * MMSGHDR);
    ByteBuffer recvIovecs = view(recvIovAt - base, BATCH * IOVEC);
    sendIovecs = view(sendIovAt - base, BATCH * IOVEC);
    names = view(namesAt - base, BATCH * SOCKADDR);
    for (int i = 0; i < BATCH; i++) {
      in[i] = memory.getByteBuffer(inAt - base + (long) i * SLOT, SLOT).order(ByteOrder.BIG_ENDIAN);
      out[i] = memory.getByteBuffer(outAt - base + (long) i * SLOT, SLOT).order(ByteOrder.BIG_ENDIAN);
      recvIovecs.putLong(i * IOVEC, inAt + (long) i * SLOT);
      recvIovecs.putLong(i * IOVEC + 8, SLOT);
      int h = i * MMSGHDR;
      recvHeaders.putLong(h, namesAt + (long) i * SOCKADDR);
      recvHeaders.putLong(h + 16, recvIovAt + (long) i * IOVEC);
      recvHeaders.putLong(h + 24, 1);
      sendHeaders.putInt(h + 8, SOCKADDR);
      sendHeaders.putLong(h + 16, sendIovAt + (long) i * IOVEC);
      sendHeaders.putLong(h + 24, 1);
    }
    try {
      wakeFd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
      epollFd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
      LibC.epoll_ctl(epollFd, LibC.EPOLL_CTL_ADD, wakeFd, readable(wakeFd));
    } catch (LastErrorException e) {
      throw ErrnoException.of("eventfd and epoll for the DNS UDP loop", e);
    }
    thread = new Thread(this::run, "lanyard-dns-udp");
    thread.setDaemon(true);
    thread.start();
  }

  private ByteBuffer view(long offset, int size) {
    return memory.getByteBuffer(offset, size).order(ByteOrder.nativeOrder());
  }

  /** {@code struct epoll_event} asking for input, carrying the fd as its data. */
  private static byte[] readable(int fd) {
    ByteBuffer event = ByteBuffer.allocate(LibC.EPOLL_EVENT_SIZE).order(ByteOrder.nativeOrder());
    event.putInt(0, LibC.EPOLLIN);
    event.putInt(LibC.EPOLL_EVENT_DATA, fd);
    return event.array();
  }

  /** Starts serving {@code server}'s UDP listener; completes once the loop watches it. */
  CompletableFuture<Void> add(ContainerServer server) {
    return submit(() -> {
      int fd = server.udpFd;
      if (fd >= byFd.length) {
        byFd = Arrays.copyOf(byFd, Math.max(fd + 1, byFd.length * 2));
      }
      try {
        LibC.epoll_ctl(epollFd, LibC.EPOLL_CTL_ADD, fd, readable(fd));
      } catch (LastErrorException e) {
        throw ErrnoException.of("watch the DNS listener of container " + server.containerId, e);
      }
      byFd[fd] = server;
    });
  }

  /** Stops serving and closes {@code server}'s UDP listener. */
  CompletableFuture<Void> remove(ContainerServer server) {
    return submit(() -> {
      if (served(server)) {
        byFd[server.udpFd] = null;
        try {
          LibC.epoll_ctl(epollFd, LibC.EPOLL_CTL_DEL, server.udpFd, readable(server.udpFd));
        } catch (LastErrorException ignored) {
          // closing the fd below removes it from the epoll set anyway
        }
        server.closeUdp();
      }
    });
  }

  private boolean served(ContainerServer server) {
    return server.udpFd < byFd.length && byFd[server.udpFd] == server;
  }

  /** Sends a forwarded answer to a client (from any thread); the send happens on the loop. */
  private void reply(ContainerServer server, byte[] client, byte[] answer) {
    tasks.add(() -> {
      if (!served(server) || answer.length > relay.size()) {
        return;
      }
      relay.write(0, answer, 0, answer.length);
      try {
        LibC.sendto(server.udpFd, relay, answer.length, LibC.MSG_DONTWAIT, client, client.length);
      } catch (LastErrorException e) {
        // the client went away or its socket is full: UDP gives no guarantee, the client retries
      }
    });
    wake();
  }

  private CompletableFuture<Void> submit(Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    tasks.add(() -> {
      try {
        task.run();
        done.complete(null);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    wake();
    if (!running) {
      done.completeExceptionally(new IllegalStateException("the DNS UDP loop is closed"));
    }
    return done;
  }

  private void wake() {
    try {
      LibC.write(wakeFd, ONE, 8);
    } catch (LastErrorException e) {
      // EAGAIN: the counter is already non-zero, so the loop wakes anyway
    }
  }

  private void run() {
    while (running) {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          // a failed send or registration must not stop the loop that serves every container
        }
      }
      int ready;
      try {
        ready = LibC.epoll_wait(epollFd, events, BATCH, -1);
      } catch (LastErrorException e) {
        continue; // EINTR
      }
      for (int i = 0; i < ready; i++) {
        int fd = eventView.getInt(i * LibC.EPOLL_EVENT_SIZE + LibC.EPOLL_EVENT_DATA);
        if (fd == wakeFd) {
          try {
            LibC.read(wakeFd, wakeCounter, 8);
          } catch (LastErrorException e) {
            // EAGAIN: another wake-up already drained it
          }
        } else if (fd < byFd.length && byFd[fd] != null) {
          drain(byFd[fd]);
        }
      }
    }
    for (ContainerServer s : byFd) {
      if (s != null) {
        s.closeUdp();
      }
    }
    for (int fd : new int[] {epollFd, wakeFd}) {
      try {
        LibC.close(fd);
      } catch (LastErrorException ignored) {
        // already gone
      }
    }
  }

  /** Receives and answers batches until the socket has less than a full batch waiting. */
  private void drain(ContainerServer server) {
    int received;
    do {
      for (int i = 0; i < batch; i++) {
        recvHeaders.putInt(i * MMSGHDR + 8, SOCKADDR);
      }
      try {
        received = LibC.recvmmsg(server.udpFd, memory, batch, LibC.MSG_DONTWAIT, null);
      } catch (LastErrorException e) {
        return; // EAGAIN, EINTR or a pending socket error: the next epoll_wait continues
      }
      answer(server, received);
    } while (batch > 1 && received == batch); // batch 1 is the one-datagram-per-wake-up baseline
  }

  private void answer(ContainerServer server, int received) {
    ContainerView view = table.get().view(server.containerId);
    if (view == null) {
      return; // the container is being added or removed: drop, the client retries
    }
    int replies = 0;
    for (int i = 0; i < received; i++) {
      int h = i * MMSGHDR;
      if ((recvHeaders.getInt(h + 48) & MSG_TRUNC) != 0) {
        continue;
      }
      int length = recvHeaders.getInt(h + 56);
      int n;
      try {
        n = handler.handle(in[i], length, out[i], SLOT, view, true);
      } catch (RuntimeException e) {
        n = PacketHandler.DROP; // a bug must not stop the loop that serves every container
      }
      if (n == PacketHandler.FORWARD) {
        n = forward(server, i, length);
      }
      if (n > 0) {
        int s = replies * MMSGHDR;
        sendHeaders.putLong(s, namesAt + (long) i * SOCKADDR);
        sendIovecs.putLong(replies * IOVEC, outAt + (long) i * SLOT);
        sendIovecs.putLong(replies * IOVEC + 8, n);
        replies++;
      }
    }
    int sent = 0;
    while (sent < replies) {
      try {
        Pointer from = sent == 0 ? sendHeadersPointer : sendHeadersPointer.share((long) sent * MMSGHDR);
        sent += LibC.sendmmsg(server.udpFd, from, replies - sent, LibC.MSG_DONTWAIT);
      } catch (LastErrorException e) {
        sent++; // this answer cannot go (buffer full, client gone): UDP drops it, the client retries
      }
    }
  }

  /** Hands the query to the forwarder, or answers REFUSED when too many forwards are in flight. */
  private int forward(ContainerServer server, int slot, int length) {
    byte[] query = new byte[length];
    in[slot].get(0, query, 0, length);
    byte[] client = new byte[SOCKADDR];
    names.get(slot * SOCKADDR, client, 0, SOCKADDR);
    if (forwarder.submit(server, query, handler.forwardLimit(), answer -> reply(server, client, answer))) {
      return PacketHandler.DROP;
    }
    byte[] refused = SlowPath.error(query, Rcode.REFUSED, handler.forwardLimit());
    if (refused == null || refused.length > SLOT) {
      return PacketHandler.DROP;
    }
    out[slot].put(0, refused, 0, refused.length);
    return refused.length;
  }

  @Override
  public void close() {
    running = false;
    wake();
    Threads.joinUninterruptibly(thread);
  }
}
