package dev.lanyard.bridge;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.testlab.LabNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scratch "outside" namespace wired to the controller's host namespace by a veth made with {@code ip}:
 * the host has {@value #HOST_IP}, the outside {@value #OUTSIDE_IP}, the outside routes everything via the
 * host. Also TCP helpers that open sockets inside a namespace (a socket stays in the namespace it was made in).
 */
final class Uplink {
  static final String HOST_IP = "198.18.0.1";
  static final String OUTSIDE_IP = "198.18.0.2";
  static final String HOST_IP6 = "fd00:198:18::1";
  static final String OUTSIDE_IP6 = "fd00:198:18::2";

  private Uplink() {}

  static void wire(LabNamespace host, LabNamespace outside) {
    host.exec("ip", "link", "add", "uplink", "type", "veth", "peer", "name", "uplink", "netns", outside.name()).orFail();
    host.exec("ip", "addr", "add", HOST_IP + "/24", "dev", "uplink").orFail();
    host.exec("ip", "link", "set", "uplink", "up").orFail();
    host.exec("ip", "link", "set", "lo", "up").orFail();
    outside.exec("ip", "addr", "add", OUTSIDE_IP + "/24", "dev", "uplink").orFail();
    outside.exec("ip", "link", "set", "uplink", "up").orFail();
    outside.exec("ip", "link", "set", "lo", "up").orFail();
    outside.exec("ip", "route", "add", "default", "via", HOST_IP).orFail();
  }

  /** IPv6 on the uplink made by {@link #wire}: {@value #HOST_IP6} and {@value #OUTSIDE_IP6} (no DAD), default route via the host. */
  static void wire6(LabNamespace host, LabNamespace outside) {
    host.exec("ip", "addr", "add", HOST_IP6 + "/64", "dev", "uplink", "nodad").orFail();
    outside.exec("ip", "addr", "add", OUTSIDE_IP6 + "/64", "dev", "uplink", "nodad").orFail();
    outside.exec("ip", "-6", "route", "add", "default", "via", HOST_IP6).orFail();
  }

  /** A listening socket in {@code ns} that answers each connection with the peer's address, then closes it. */
  static ServerSocket echoPeer(NetNs ns, int port) throws Exception {
    // "::" takes IPv4 and IPv6 connections; IPv4 peers are reported as IPv4 addresses
    ServerSocket server = ns.call(() -> new ServerSocket(port, 50, InetAddress.getByName("::")));
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          s.getOutputStream().write((s.getInetAddress().getHostAddress() + "\n").getBytes());
        } catch (IOException e) {
          // closed by the test
        }
      }
    }, "echo-peer");
    t.setDaemon(true);
    t.start();
    return server;
  }

  /** Connects from {@code ns} to address:port; the server's line (the address it saw), or empty on timeout/refusal. */
  static Optional<String> fetch(NetNs ns, String address, int port) {
    CompletableFuture<Optional<String>> result = ns.callAsync(() -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getByName(address), port), 1500);
        s.setSoTimeout(1500);
        byte[] buf = s.getInputStream().readAllBytes();
        return Optional.of(new String(buf).trim());
      } catch (SocketTimeoutException | java.net.ConnectException | java.net.NoRouteToHostException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("connect from " + ns + " to " + address + ":" + port, e);
    }
  }
}
