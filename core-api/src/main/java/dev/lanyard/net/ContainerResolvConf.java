package dev.lanyard.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code resolv.conf} Docker gives a container. On a user-defined network: {@code nameserver
 * 127.0.0.11}, the host's search domains and options, and {@code ndots:0} unless the host sets ndots.
 * Only on the default bridge: the host's name servers without the loopback ones (they would point into
 * the container itself), or Docker's public defaults when none are left.
 *
 * <pre>{@code
 * ContainerResolvConf.write(Path.of("/etc/netns/c1/resolv.conf"), ContainerResolvConf.embedded(host));
 * }</pre>
 */
public final class ContainerResolvConf {
  /** Where the embedded server listens inside every container. */
  public static final String EMBEDDED_SERVER = "127.0.0.11";

  private static final List<String> DEFAULT_IPV4 = List.of("8.8.8.8", "8.8.4.4");
  private static final List<String> DEFAULT_IPV6 = List.of("2001:4860:4860::8888", "2001:4860:4860::8844");

  private ContainerResolvConf() {}

  /** For a container on at least one user-defined network. */
  public static String embedded(HostResolvConf host) {
    StringBuilder text = new StringBuilder("nameserver " + EMBEDDED_SERVER + "\n");
    appendSearch(text, host);
    List<String> options = new ArrayList<>(host.options());
    if (options.stream().noneMatch(o -> o.startsWith("ndots:"))) {
      options.add("ndots:0");
    }
    text.append("options ").append(String.join(" ", options)).append('\n');
    return text.toString();
  }

  /** For a container only on the default bridge; {@code ipv6} adds Docker's IPv6 defaults when needed. */
  public static String defaultBridge(HostResolvConf host, boolean ipv6) {
    StringBuilder text = new StringBuilder();
    List<String> servers = host.nameservers().stream()
        .filter(a -> !a.isLoopbackAddress())
        .filter(a -> ipv6 || a instanceof Inet4Address)
        .map(ContainerResolvConf::text)
        .toList();
    if (servers.isEmpty()) {
      servers = new ArrayList<>(DEFAULT_IPV4);
      if (ipv6) {
        servers.addAll(DEFAULT_IPV6);
      }
    }
    servers.forEach(s -> text.append("nameserver ").append(s).append('\n'));
    appendSearch(text, host);
    if (!host.options().isEmpty()) {
      text.append("options ").append(String.join(" ", host.options())).append('\n');
    }
    return text.toString();
  }

  /** Writes {@code text} to {@code file}, creating its directory. */
  public static void write(Path file, String text) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("write " + file, e);
    }
  }

  /** IPv6 in RFC 5952 short form, IPv4 dotted. */
  static String text(InetAddress address) {
    return address instanceof Inet6Address ? Ipv6Text.canonical(address.getAddress()) : address.getHostAddress();
  }

  private static void appendSearch(StringBuilder text, HostResolvConf host) {
    if (!host.search().isEmpty()) {
      text.append("search ").append(String.join(" ", host.search())).append('\n');
    }
  }
}
