package dev.lanyard.bridge;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.LibC;
import dev.lanyard.netlink.NamespaceThread;
import dev.lanyard.netlink.NetNs;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host ports of published mappings held by sockets bound in the host namespace, as Docker's port mapper
 * holds them when it runs no userland proxy: no other process can bind a published port, and a port some
 * other process holds is found at publish time ({@code EADDRINUSE}). TCP and SCTP sockets listen (a bound,
 * non-listening TCP socket would not stop another from binding with {@code SO_REUSEADDR}); UDP sockets are
 * bound. They never accept or read: the DNAT rules send the traffic to the container before it could reach
 * them, and, as in Docker without its proxy, a drop-all socket filter (attached before the bind) discards
 * whatever still does (e.g. while the ruleset is being restored after a flush), so no handshake completes
 * into a backlog nobody accepts and no datagram queues up. IPv6 sockets are {@code IPV6_V6ONLY}, so {@code ::} and {@code 0.0.0.0} are held separately, as in
 * Docker. Sockets are created on a thread inside the host namespace (a socket stays in the namespace it was
 * made in) and closed from any thread. Thread-safe.
 */
final class HostPortSockets implements AutoCloseable {
  /** What one socket holds. */
  record Key(String protocol, InetAddress address, int port) {
    @Override
    public String toString() {
      String host = address instanceof Inet4Address ? address.getHostAddress() : "[" + address.getHostAddress() + "]";
      return host + ":" + port + "/" + protocol;
    }
  }

  /** A socket for {@code binding} could not be made or bound; {@link #errno()} says why. */
  static final class BindException extends ErrnoException {
    private final Key binding;

    BindException(String operation, Key binding, LastErrorException cause) {
      super(operation + "(" + binding + ")", cause.getErrorCode(), null, cause);
      this.binding = binding;
    }

    Key binding() {
      return binding;
    }
  }

  // linux/bpf_common.h: a classic BPF "return constant" instruction; returning 0 drops the packet
  private static final short BPF_RET_K = 0x06;
  /** One {@code struct sock_filter} (code u16, jt u8, jf u8, k u32): return 0, i.e. drop everything. */
  private static final int SOCK_FILTER_SIZE = 8;

  private final NetNs host;
  private final Map<Key, Integer> sockets = new LinkedHashMap<>();
  /** Started at the first binding and kept: entering the namespace on a new thread per publish cost ~0.3–1 ms. */
  private NamespaceThread inside;

  HostPortSockets(NetNs host) {
    this.host = host;
  }

  /**
   * Binds ports {@code first … first+count-1} on every one of {@code addresses}, all or none, in one call on
   * the thread kept inside the host namespace. A port this object already holds is left as it is.
   *
   * @throws BindException naming the binding (e.g. {@code bind(0.0.0.0:8080/tcp): EADDRINUSE …}); SCTP on a
   *                       kernel without SCTP sockets gives {@code EPROTONOSUPPORT}
   */
  synchronized void hold(String protocol, List<InetAddress> addresses, int first, int count) {
    List<Key> wanted = new ArrayList<>();
    for (InetAddress address : addresses) {
      for (int p = first; p < first + count; p++) {
        Key k = new Key(protocol, address, p);
        if (!sockets.containsKey(k)) {
          wanted.add(k);
        }
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    if (inside == null) {
      inside = NamespaceThread.start(host);
    }
    Map<Key, Integer> made = inside.call(() -> {
      Map<Key, Integer> out = new LinkedHashMap<>();
      try {
        for (Key k : wanted) {
          out.put(k, bind(k));
        }
      } catch (RuntimeException e) {
        out.values().forEach(HostPortSockets::closeQuietly);
        throw e;
      }
      return out;
    });
    sockets.putAll(made);
  }

  /** Closes the sockets of ports {@code first … first+count-1} on {@code address}; absent ones are skipped. */
  synchronized void release(String protocol, InetAddress address, int first, int count) {
    for (int p = first; p < first + count; p++) {
      Integer fd = sockets.remove(new Key(protocol, address, p));
      if (fd != null) {
        closeQuietly(fd);
      }
    }
  }

  @Override
  public synchronized void close() {
    sockets.values().forEach(HostPortSockets::closeQuietly);
    sockets.clear();
    if (inside != null) {
      inside.close();
      inside = null;
    }
  }

  private static int bind(Key k) {
    boolean v4 = k.address() instanceof Inet4Address;
    int domain = v4 ? LibC.AF_INET : LibC.AF_INET6;
    int type = k.protocol().equals("udp") ? LibC.SOCK_DGRAM : LibC.SOCK_STREAM;
    int protocol = switch (k.protocol()) {
      case "tcp" -> LibC.IPPROTO_TCP;
      case "udp" -> LibC.IPPROTO_UDP;
      case "sctp" -> LibC.IPPROTO_SCTP;
      default -> throw new IllegalArgumentException("unknown protocol " + k.protocol());
    };
    int fd;
    try {
      fd = LibC.socket(domain, type | LibC.SOCK_CLOEXEC, protocol);
    } catch (LastErrorException e) {
      throw new BindException("socket", k, e);
    }
    try {
      if (protocol == LibC.IPPROTO_TCP) {
        // as Docker: the port can be bound again at once after Lanyard lets it go (no TIME_WAIT hold-up)
        setInt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, 1);
      }
      if (!v4) {
        setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, 1);
      }
      attachDropAllFilter(fd);
      byte[] sockaddr = sockaddr(k.address(), k.port());
      LibC.bind(fd, sockaddr, sockaddr.length);
      if (type == LibC.SOCK_STREAM) {
        LibC.listen(fd, 1);
      }
      return fd;
    } catch (LastErrorException e) {
      closeQuietly(fd);
      throw new BindException("bind", k, e);
    }
  }

  /** {@code SO_ATTACH_FILTER} with a one-instruction program; the kernel copies it during the call. */
  private static void attachDropAllFilter(int fd) {
    try (Memory filter = new Memory(SOCK_FILTER_SIZE)) {
      filter.clear();
      filter.setShort(0, BPF_RET_K);
      // struct sock_fprog: unsigned short len, padding to the pointer's alignment, struct sock_filter *filter
      ByteBuffer program = ByteBuffer.allocate(2 * Native.POINTER_SIZE).order(ByteOrder.nativeOrder());
      program.putShort(0, (short) 1);
      if (Native.POINTER_SIZE == 8) {
        program.putLong(8, Pointer.nativeValue(filter));
      } else {
        program.putInt(4, (int) Pointer.nativeValue(filter));
      }
      LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, program.array(), program.capacity());
    }
  }

  private static void setInt(int fd, int level, int name, int value) {
    byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    LibC.setsockopt(fd, level, name, v, v.length);
  }

  /** {@code struct sockaddr_in} or {@code sockaddr_in6}: family in host order, port and address in network order. */
  private static byte[] sockaddr(InetAddress address, int port) {
    boolean v4 = address instanceof Inet4Address;
    ByteBuffer b = ByteBuffer.allocate(v4 ? 16 : 28);
    b.order(ByteOrder.nativeOrder()).putShort((short) (v4 ? LibC.AF_INET : LibC.AF_INET6));
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
    if (!v4) {
      b.putInt(0); // flow info
    }
    b.put(address.getAddress());
    return b.array();
  }

  private static void closeQuietly(int fd) {
    try {
      LibC.close(fd);
    } catch (LastErrorException e) {
      // a descriptor that cannot be closed is gone already
    }
  }
}
