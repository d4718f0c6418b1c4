package dev.lanyard.resolver;

import com.sun.jna.LastErrorException;
import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.LibC;
import dev.lanyard.netlink.NetNs;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

/**
 * The sockets of one container's server, all created inside the container's namespace: the UDP
 * listener (a raw fd, served with recvmmsg/sendmmsg by {@link UdpLoop}), the TCP listener and the UDP
 * socket that forwards to non-loopback upstreams from the container's own network.
 */
final class ContainerServer implements AutoCloseable {
  static final int PORT = 53;
  private static final byte[] LISTEN_ADDRESS = {127, 0, 0, 11};

  final String containerId;
  final Path netnsPath;
  final NetNs netns;
  final int udpFd;
  final ServerSocketChannel tcp;
  final DatagramChannel forward;

  private ContainerServer(String containerId, Path netnsPath, NetNs netns, int udpFd, ServerSocketChannel tcp,
      DatagramChannel forward) {
    this.containerId = containerId;
    this.netnsPath = netnsPath;
    this.netns = netns;
    this.udpFd = udpFd;
    this.tcp = tcp;
    this.forward = forward;
  }

  /** Opens the sockets on a short-lived thread inside the container's namespace. */
  static ContainerServer open(DnsContainer container) {
    NetNs ns = NetNs.open(container.netns());
    try {
      return ns.call(() -> openInside(container, ns));
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
  }

  private static ContainerServer openInside(DnsContainer container, NetNs ns) {
    String where = "DNS server of container \"" + container.name() + "\" at 127.0.0.11:53";
    int fd;
    try {
      fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw ErrnoException.of("socket for " + where, e);
    }
    ServerSocketChannel tcp = null;
    DatagramChannel forward = null;
    try {
      byte[] address = sockaddrIn(LISTEN_ADDRESS, PORT);
      try {
        LibC.bind(fd, address, address.length);
      } catch (LastErrorException e) {
        String hint = e.getErrorCode() == Errno.EADDRNOTAVAIL.code() ? " (is the container's loopback up?)" : "";
        throw ErrnoException.of("bind UDP " + where + hint, e);
      }
      tcp = ServerSocketChannel.open(StandardProtocolFamily.INET);
      tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      tcp.bind(new InetSocketAddress(InetAddress.getByAddress(LISTEN_ADDRESS), PORT), 64);
      tcp.configureBlocking(false);
      forward = DatagramChannel.open();
      forward.bind(null);
      forward.configureBlocking(false);
      return new ContainerServer(container.id(), container.netns(), ns, fd, tcp, forward);
    } catch (IOException | RuntimeException e) {
      closeQuietly(fd, tcp, forward);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("open TCP or forwarding socket of " + where, io);
      }
      throw (RuntimeException) e;
    }
  }

  /** {@code struct sockaddr_in}: family in native order, port and address in network order. */
  static byte[] sockaddrIn(byte[] address, int port) {
    byte[] s = new byte[16];
    ByteBuffer.wrap(s).order(ByteOrder.nativeOrder()).putShort((short) LibC.AF_INET);
    s[2] = (byte) (port >>> 8);
    s[3] = (byte) port;
    System.arraycopy(address, 0, s, 4, 4);
    return s;
  }

  /**
   * Closes the namespace handle. Each socket is closed by the thread that serves it ({@link #closeUdp},
   * {@link #closeChannels}), so no selector or poll set still holds it.
   */
  @Override
  public void close() {
    netns.close();
  }

  void closeUdp() {
    closeQuietly(udpFd, null, null);
  }

  /**
   * Deregisters {@code channel} from {@code selector} and closes it at once; call on the selector's own
   * thread. A registered NIO channel keeps its fd until its key is flushed by a select, so without the
   * {@code selectNow} the port would stay bound.
   */
  static void closeRegistered(SelectableChannel channel, Selector selector) {
    SelectionKey key = channel.keyFor(selector);
    try {
      if (key != null) {
        key.cancel();
        selector.selectNow();
      }
      channel.close();
    } catch (IOException ignored) {
      // the channel is closed either way
    }
  }

  private static void closeQuietly(int fd, ServerSocketChannel tcp, DatagramChannel forward) {
    if (fd >= 0) {
      try {
        LibC.close(fd);
      } catch (LastErrorException ignored) {
        // closing a socket we own only fails for a bad fd, which would be our bug, not the caller's
      }
    }
    for (Closeable c : new Closeable[] {tcp, forward}) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException ignored) {
          // nothing to undo: the socket is gone either way
        }
      }
    }
  }
}
