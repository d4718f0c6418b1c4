package dev.lanyard.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host's {@code resolv.conf}: its name servers, search domains and options. The first three name
 * servers are the resolver's upstreams, as in Docker.
 *
 * <pre>{@code
 * HostResolvConf host = HostResolvConf.read(Path.of("/etc/resolv.conf"));
 * String text = ContainerResolvConf.embedded(host);   // what a container on a user network gets
 * }</pre>
 */
public record HostResolvConf(List<InetAddress> nameservers, List<String> search, List<String> options) {
  /** Docker forwards to at most this many servers. */
  public static final int MAX_UPSTREAMS = 3;

  public HostResolvConf {
    nameservers = List.copyOf(nameservers);
    search = List.copyOf(search);
    options = List.copyOf(options);
  }

  /** The system's file, {@code /etc/resolv.conf}. */
  public static final Path SYSTEM = Path.of("/etc/resolv.conf");

  /** Reads and {@link #parse parses} {@code file}; a missing file is an empty configuration. */
  public static HostResolvConf read(Path file) {
    try {
      return parse(Files.exists(file) ? Files.readString(file) : "");
    } catch (IOException e) {
      throw new UncheckedIOException("read " + file, e);
    }
  }

  /**
   * Parses resolv.conf text as the C library does: {@code nameserver} lines (numeric addresses only; an
   * IPv6 zone suffix is dropped), the last {@code search} or {@code domain} line, and all {@code options}.
   * Comments start with {@code #} or {@code ;}. Unusable lines are skipped, like glibc.
   */
  public static HostResolvConf parse(String text) {
    List<InetAddress> servers = new ArrayList<>();
    List<String> search = List.of();
    List<String> options = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] words = line.split("\\s+");
      switch (words[0]) {
        case "nameserver" -> {
          if (words.length > 1) {
            numeric(words[1]).ifPresent(servers::add);
          }
        }
        case "search", "domain" -> search = List.of(words).subList(1, words.length);
        case "options" -> options.addAll(List.of(words).subList(1, words.length));
        default -> { }
      }
    }
    return new HostResolvConf(servers, search, options);
  }

  /** The upstream servers: the first {@link #MAX_UPSTREAMS} name servers. */
  public List<InetAddress> upstreams() {
    return nameservers.subList(0, Math.min(MAX_UPSTREAMS, nameservers.size()));
  }

  private static Optional<InetAddress> numeric(String word) {
    String address = word.contains("%") ? word.substring(0, word.indexOf('%')) : word;
    boolean v4 = address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean v6 = address.contains(":") && address.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(address)); // numeric, so no lookup happens
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
