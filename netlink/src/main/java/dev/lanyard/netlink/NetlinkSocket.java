package dev.lanyard.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A netlink socket bound to the namespace it was opened in. Opened once (inside the namespace, by
 * {@link #openIn}), it is used from any thread afterwards; requests are serialised on the socket.
 *
 * <p>Every reply is checked: it must come from the kernel (sender port 0), carry this socket's port
 * and a sequence number of the request in flight; anything else is stale and skipped. Errors become
 * {@link NetlinkException}s with the errno and the kernel's extended-ack message
 * ({@code NETLINK_EXT_ACK} is on).
 */
public final class NetlinkSocket implements AutoCloseable {
  private static final int SOCKADDR_NL_LENGTH = 12;
  private static final int RECEIVE_BUFFER_BYTES = 64 * 1024;
  private static final int KERNEL_BUFFER_BYTES = 4 * 1024 * 1024;
  private static final int TIMEOUT_SECONDS = 30;

  /** Receive buffers are per thread, so memory follows threads, not the (many) per-namespace sockets. */
  private static final ThreadLocal<ByteBuffer> RECEIVE_BUFFER = ThreadLocal.withInitial(
      () -> ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES).order(ByteOrder.nativeOrder()));

  private final int fd;
  private final int protocol;
  private final int portId;
  private int nextSeq = (int) (System.nanoTime() & 0x3fffffff);
  private boolean closed;

  private NetlinkSocket(int fd, int protocol, int portId) {
    this.fd = fd;
    this.protocol = protocol;
    this.portId = portId;
  }

  /** Opens a socket of {@code protocol} ({@link Netlink#NETLINK_ROUTE}, …) in the calling thread's namespace. */
  public static NetlinkSocket open(int protocol) {
    int fd;
    try {
      fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
    } catch (LastErrorException e) {
      throw ErrnoException.of("open netlink socket (protocol " + protocol + ")", e);
    }
    try {
      setIntOption(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
      setIntOption(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
      setIntOption(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, KERNEL_BUFFER_BYTES, "SO_RCVBUFFORCE");
      setIntOption(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUFFORCE, KERNEL_BUFFER_BYTES, "SO_SNDBUFFORCE");
      byte[] timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
          .putLong(TIMEOUT_SECONDS).putLong(0).array();
      LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeout, timeout.length);
      byte[] addr = sockaddrNl(0);
      LibC.bind(fd, addr, addr.length);
      int[] length = {addr.length};
      LibC.getsockname(fd, addr, length);
      int port = ByteBuffer.wrap(addr).order(ByteOrder.nativeOrder()).getInt(4);
      return new NetlinkSocket(fd, protocol, port);
    } catch (LastErrorException e) {
      closeQuietly(fd);
      throw ErrnoException.of("set up netlink socket", e);
    } catch (RuntimeException e) {
      closeQuietly(fd);
      throw e;
    }
  }

  /** Opens a socket inside {@code ns}; it stays bound to {@code ns} whichever thread uses it later. */
  public static NetlinkSocket openIn(NetNs ns, int protocol) {
    return ns.call(() -> open(protocol));
  }

  public int portId() {
    return portId;
  }

  public int protocol() {
    return protocol;
  }

  /**
   * Sends every message of {@code request} in one datagram and waits until each message that asked
   * for an ACK is acknowledged. Replies other than ACKs go to {@code onReply} (for requests with
   * {@code NLM_F_ECHO} or GETs). The first error is thrown, named after the failing message's label
   * or {@code operation}.
   */
  public synchronized void execute(String operation, NlWriter request, Consumer<NlMessage> onReply) {
    int first = send(request);
    int count = request.messageCount();
    int expectedAcks = 0;
    for (int i = 0; i < count; i++) {
      int flags = Short.toUnsignedInt(request.raw().getShort(request.messageOffset(i) + 6));
      if ((flags & Netlink.NLM_F_ACK) != 0) {
        expectedAcks++;
      }
    }
    Receipt receipt = new Receipt(operation, request, first, count, onReply, false);
    // The kernel handles a request while we send it, so once sendto returns every reply is queued:
    // wait for the ACKs asked for. Each message's replies come before its ACK, so when every message asked
    // for one and none failed, nothing else can be queued; otherwise collect whatever is (errors of unacked
    // messages, answers after a failed one). The drain ends in EAGAIN, which costs an exception.
    while (receipt.acks < expectedAcks && receipt.error == null) {
      receive(receipt, true);
    }
    if (receipt.error != null || expectedAcks < count) {
      while (receive(receipt, false)) {
        // drain
      }
    }
    if (receipt.error != null) {
      throw receipt.error;
    }
  }

  /** {@link #execute} for requests whose only replies are ACKs. */
  public void execute(String operation, NlWriter request) {
    execute(operation, request, message -> {});
  }

  /** Sends a dump request (one message, {@code NLM_F_DUMP}) and gives each reply to {@code onReply}. */
  public synchronized void dump(String operation, NlWriter request, Consumer<NlMessage> onReply) {
    int first = send(request);
    Receipt receipt = new Receipt(operation, request, first, request.messageCount(), onReply, true);
    while (!receipt.done && receipt.error == null) {
      receive(receipt, true);
    }
    if (receipt.error != null) {
      throw receipt.error;
    }
  }

  /** {@link #dump} collecting copies of every reply. */
  public List<NlMessage> dump(String operation, NlWriter request) {
    List<NlMessage> out = new ArrayList<>();
    dump(operation, request, m -> out.add(m.copy()));
    return out;
  }

  /** Subscribes to multicast group {@code group} (e.g. RTNLGRP_LINK, NFNLGRP_NFTABLES). */
  public void joinGroup(int group) {
    try {
      byte[] value = LibC.intOption(group);
      LibC.setsockopt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, value, value.length);
    } catch (LastErrorException e) {
      throw ErrnoException.of("join netlink group " + group, e);
    }
  }

  /**
   * Receives notifications (multicast messages, port 0) and gives each to {@code onMessage}; blocks
   * until at least one datagram arrives or the receive timeout passes. Returns false on timeout.
   */
  public boolean receiveNotifications(Consumer<NlMessage> onMessage) {
    ByteBuffer rx = RECEIVE_BUFFER.get();
    long n = recv(rx, 0, "receive netlink notifications");
    if (n < 0) {
      return false;
    }
    forEachMessage(rx, (int) n, onMessage);
    return true;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        LibC.close(fd);
      } catch (LastErrorException e) {
        throw ErrnoException.of("close netlink socket", e);
      }
    }
  }

  private int send(NlWriter request) {
    if (closed) {
      throw new IllegalStateException("netlink socket closed");
    }
    ByteBuffer raw = request.raw();
    int first = nextSeq;
    for (int i = 0; i < request.messageCount(); i++) {
      int offset = request.messageOffset(i);
      raw.putInt(offset + 8, nextSeq++);
      raw.putInt(offset + 12, portId);
    }
    nextSeq &= 0x3fffffff;
    ByteBuffer view = request.buffer();
    Pointer pointer = Native.getDirectBufferPointer(raw);
    byte[] kernel = sockaddrNl(0);
    try {
      long sent = LibC.sendto(fd, pointer, view.remaining(), 0, kernel, kernel.length);
      if (sent != view.remaining()) {
        throw new ErrnoException("send netlink request (short write)", Errno.EMSGSIZE.code());
      }
    } catch (LastErrorException e) {
      throw ErrnoException.of("send netlink request", e);
    }
    return first;
  }

  /** Reads one datagram into the receipt; returns false if none was queued (non-blocking mode). */
  private boolean receive(Receipt receipt, boolean block) {
    ByteBuffer rx = RECEIVE_BUFFER.get();
    long n = recv(rx, block ? 0 : LibC.MSG_DONTWAIT, "receive netlink reply for " + receipt.operation);
    if (n < 0) {
      if (block) {
        throw new ErrnoException("receive netlink reply for " + receipt.operation + " (timed out)",
            Errno.ETIMEDOUT.code());
      }
      return false;
    }
    forEachMessage(rx, (int) n, receipt::accept);
    return true;
  }

  /** Returns the datagram's length, or -1 if nothing arrived (EAGAIN). Skips datagrams not from the kernel. */
  private long recv(ByteBuffer rx, int flags, String operation) {
    if ((flags & LibC.MSG_DONTWAIT) != 0 && !readable(operation)) {
      return -1; // asked first: an EAGAIN from recvfrom would cost an exception with its stack trace
    }
    Pointer pointer = Native.getDirectBufferPointer(rx);
    byte[] from = new byte[SOCKADDR_NL_LENGTH];
    int[] fromLength = {from.length};
    while (true) {
      long n;
      try {
        n = LibC.recvfrom(fd, pointer, rx.capacity(), flags | LibC.MSG_TRUNC, from, fromLength);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == Errno.EAGAIN.code()) {
          return -1;
        }
        if (e.getErrorCode() == Errno.EINTR.code()) {
          continue;
        }
        throw ErrnoException.of(operation, e);
      }
      if (n > rx.capacity()) {
        throw new ErrnoException(operation + " (reply of " + n + " bytes truncated)", Errno.EMSGSIZE.code());
      }
      int senderPort = ByteBuffer.wrap(from).order(ByteOrder.nativeOrder()).getInt(4);
      if (senderPort != 0) {
        continue; // only the kernel may answer us
      }
      return n;
    }
  }

  /** Whether a datagram is queued, without waiting. */
  private boolean readable(String operation) {
    byte[] pollfd = new byte[LibC.POLLFD_SIZE];
    ByteBuffer.wrap(pollfd).order(ByteOrder.nativeOrder()).putInt(0, fd).putShort(4, (short) LibC.POLLIN);
    while (true) {
      try {
        return LibC.poll(pollfd, 1, 0) > 0;
      } catch (LastErrorException e) {
        if (e.getErrorCode() != Errno.EINTR.code()) {
          throw ErrnoException.of(operation, e);
        }
      }
    }
  }

  private static void forEachMessage(ByteBuffer rx, int length, Consumer<NlMessage> onMessage) {
    int pos = 0;
    while (pos + Netlink.HEADER_LENGTH <= length) {
      int messageLength = rx.getInt(pos);
      if (messageLength < Netlink.HEADER_LENGTH || pos + messageLength > length) {
        break;
      }
      onMessage.accept(new NlMessage(rx.slice(pos, messageLength)));
      pos += Netlink.align(messageLength);
    }
  }

  /** The state of one request while its replies arrive. */
  private final class Receipt {
    final String operation;
    final NlWriter request;
    final int firstSeq;
    final int count;
    final Consumer<NlMessage> onReply;
    final boolean dump;
    int acks;
    boolean done;
    NetlinkException error;

    Receipt(String operation, NlWriter request, int firstSeq, int count, Consumer<NlMessage> onReply,
        boolean dump) {
      this.operation = operation;
      this.request = request;
      this.firstSeq = firstSeq;
      this.count = count;
      this.onReply = onReply;
      this.dump = dump;
    }

    void accept(NlMessage m) {
      int index = m.seq() - firstSeq;
      if (m.pid() != portId || index < 0 || index >= count) {
        return; // stale: a reply to an earlier, abandoned request
      }
      switch (m.type()) {
        case Netlink.NLMSG_ERROR -> onError(m, index);
        case Netlink.NLMSG_DONE -> {
          if (dump) {
            done = true;
            int status = m.length() >= Netlink.HEADER_LENGTH + 4 ? m.payload().getInt(0) : 0;
            if (status < 0 && error == null) {
              NlAttrs ack = extAck(m, 4);
              error = new NetlinkException(nameOf(index), -status, ackMessage(ack), index, ackOffset(ack), "");
            }
          }
        }
        case Netlink.NLMSG_NOOP, Netlink.NLMSG_OVERRUN -> { }
        default -> onReply.accept(m);
      }
    }

    private void onError(NlMessage m, int index) {
      ByteBuffer payload = m.payload();
      int status = payload.getInt(0);
      if (status == 0) {
        acks++;
        return;
      }
      if (dump) {
        done = true;
      }
      if (error == null) {
        int origLength = payload.getInt(4);
        int skip = 4 + ((m.flags() & Netlink.NLM_F_CAPPED) != 0 ? Netlink.HEADER_LENGTH : Netlink.align(origLength));
        NlAttrs ack = (m.flags() & Netlink.NLM_F_ACK_TLVS) != 0 ? extAck(m, skip) : null;
        error = new NetlinkException(nameOf(index), -status, ackMessage(ack), index, ackOffset(ack), "");
      }
    }

    private String nameOf(int index) {
      String label = request.label(index);
      return label != null ? label : operation;
    }

    private NlAttrs extAck(NlMessage m, int skip) {
      ByteBuffer payload = m.payload();
      if (skip >= payload.limit()) {
        return null;
      }
      return NlAttrs.parse(payload.position(skip));
    }

    private String ackMessage(NlAttrs ack) {
      NlAttr msg = ack == null ? null : ack.get(Netlink.NLMSGERR_ATTR_MSG);
      return msg == null ? null : msg.string();
    }

    private int ackOffset(NlAttrs ack) {
      NlAttr offset = ack == null ? null : ack.get(Netlink.NLMSGERR_ATTR_OFFS);
      return offset == null ? -1 : offset.u32();
    }
  }

  private static void setIntOption(int fd, int level, int option, int value, String name) {
    byte[] bytes = LibC.intOption(value);
    try {
      LibC.setsockopt(fd, level, option, bytes, bytes.length);
    } catch (LastErrorException e) {
      throw ErrnoException.of("setsockopt " + name, e);
    }
  }

  private static byte[] sockaddrNl(int pid) {
    return ByteBuffer.allocate(SOCKADDR_NL_LENGTH).order(ByteOrder.nativeOrder())
        .putShort((short) LibC.AF_NETLINK).putShort((short) 0).putInt(pid).putInt(0).array();
  }

  private static void closeQuietly(int fd) {
    try {
      LibC.close(fd);
    } catch (LastErrorException ignored) {
      // already failing; the first error is the one to report
    }
  }
}
