package dev.lanyard.internal;

import dev.lanyard.net.HostResolvConf;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.spi.HostFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host namespace's on-link routes (read from {@code /proc/thread-self/net/route} and
 * {@code ipv6_route} on a thread inside it, which show that thread's namespace) and the nameservers of
 * {@code /etc/resolv.conf}. Read afresh on each call, since IPAM asks only when it chooses a pool.
 */
final class NamespaceHostFacts implements HostFacts {
  private final Path hostNamespace;

  NamespaceHostFacts(Path hostNamespace) {
    this.hostNamespace = hostNamespace;
  }

  @Override
  public List<IpPrefix> onLinkRoutes() {
    try (NetNs ns = NetNs.open(hostNamespace)) {
      return ns.call(() -> {
        List<IpPrefix> out = new ArrayList<>();
        parseIpv4(Files.readAllLines(Path.of("/proc/thread-self/net/route")), out);
        Path v6 = Path.of("/proc/thread-self/net/ipv6_route");
        if (Files.exists(v6)) {
          parseIpv6(Files.readAllLines(v6), out);
        }
        return out;
      });
    }
  }

  static void parseIpv4(List<String> lines, List<IpPrefix> out) throws UnknownHostException {
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8 || f[0].equals("lo") || Long.parseLong(f[2], 16) != 0) {
        continue; // loopback, or routed through a gateway: not on-link
      }
      InetAddress dest = InetAddress.getByAddress(littleEndian(f[1]));
      int length = Integer.bitCount((int) Long.parseLong(f[7], 16));
      out.add(IpPrefix.of(dest, length));
    }
  }

  static void parseIpv6(List<String> lines, List<IpPrefix> out) throws UnknownHostException {
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || f[9].equals("lo") || !f[4].matches("0+")) {
        continue;
      }
      byte[] dest = new byte[16];
      for (int i = 0; i < 16; i++) {
        dest[i] = (byte) Integer.parseInt(f[0].substring(2 * i, 2 * i + 2), 16);
      }
      int length = Integer.parseInt(f[1], 16);
      if (dest[0] == (byte) 0xff || (dest[0] == (byte) 0xfe && (dest[1] & 0xc0) == 0x80)) {
        continue; // multicast and link-local are on every link; they never clash with a pool
      }
      out.add(IpPrefix.of(InetAddress.getByAddress(dest), length));
    }
  }

  private static byte[] littleEndian(String hex) {
    long v = Long.parseLong(hex, 16);
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  @Override
  public List<InetAddress> nameservers() {
    try {
      return HostResolvConf.read(HostResolvConf.SYSTEM).nameservers();
    } catch (UncheckedIOException e) {
      return List.of();
    }
  }
}
