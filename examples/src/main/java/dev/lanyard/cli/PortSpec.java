package dev.lanyard.cli;

import dev.lanyard.InvalidParameterException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.spi.PortMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code -p} value, Docker's {@code [IP:][HOST[-END]:]CONTAINER[-END][/PROTO]} with an IPv6 address in
 * brackets ({@code [::1]:8080:80}), or an {@code --expose} value ({@code PORT}, {@code FROM-TO}, with a
 * protocol). Host port 0 means "any free one" (what {@code -P} asks for); an empty host IP means the
 * network's default binding. Range rules (equal lengths, or a host range for one container port) are
 * checked by {@link PortMapping}.
 *
 * @param hostIp           empty for the default, else the literal address
 * @param hostPort         0 for any
 * @param hostPortEnd      the end of a host range, else {@code hostPort}
 * @param containerPort    the port inside the container
 * @param containerPortEnd the end of a container range, else {@code containerPort}
 * @param protocol         tcp, udp or sctp
 */
record PortSpec(String hostIp, int hostPort, int hostPortEnd, int containerPort, int containerPortEnd, String protocol) {
  static PortSpec parsePublish(String text) {
    String[] protoSplit = text.split("/", 2);
    String protocol = protocol(text, protoSplit);
    String spec = protoSplit[0];
    String ip = "";
    if (spec.startsWith("[")) {
      int close = spec.indexOf("]:");
      if (close < 0) {
        throw new InvalidParameterException("invalid publish " + text + ": unclosed IPv6 address");
      }
      ip = spec.substring(1, close);
      spec = spec.substring(close + 2);
    }
    String[] parts = spec.split(":", -1);
    String host;
    String container;
    switch (parts.length) {
      case 1 -> {
        host = "";
        container = parts[0];
      }
      case 2 -> {
        host = parts[0];
        container = parts[1];
      }
      case 3 -> {
        if (!ip.isEmpty()) {
          throw new InvalidParameterException("invalid publish " + text + ": too many colons");
        }
        ip = parts[0];
        host = parts[1];
        container = parts[2];
      }
      default -> throw new InvalidParameterException("invalid publish " + text + ": too many colons");
    }
    if (!ip.isEmpty()) {
      IpPrefix.parseAddress(ip);
    }
    int[] hostRange = host.isEmpty() ? new int[] {0, 0} : range(text, host, 0);
    int[] containerRange = range(text, container, 1);
    PortSpec parsed = new PortSpec(ip, hostRange[0], hostRange[1], containerRange[0], containerRange[1], protocol);
    parsed.mapping(); // Docker's range rules, checked while parsing
    return parsed;
  }

  /** {@code --expose 6379}, {@code --expose 7000-7002/udp}: the container ports, host port 0. */
  static List<PortSpec> parseExpose(String text) {
    String[] protoSplit = text.split("/", 2);
    String protocol = protocol(text, protoSplit);
    String[] range = protoSplit[0].split("-", 2);
    int from = port(text, range[0], 1);
    int to = range.length == 2 ? port(text, range[1], 1) : from;
    if (to < from) {
      throw new InvalidParameterException("invalid range format for --expose: " + text + ", error: end below start");
    }
    List<PortSpec> ports = new ArrayList<>();
    for (int p = from; p <= to; p++) {
      ports.add(new PortSpec("", 0, 0, p, p, protocol));
    }
    return ports;
  }

  /** The API's mapping. */
  PortMapping mapping() {
    return new PortMapping(containerPort, containerPortEnd, protocol, hostIp, hostPort, hostPortEnd);
  }

  private static String protocol(String text, String[] protoSplit) {
    String protocol = protoSplit.length == 2 ? protoSplit[1].toLowerCase(Locale.ROOT) : "tcp";
    if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
      throw new InvalidParameterException("invalid proto: " + protocol + " in " + text);
    }
    return protocol;
  }

  /** {@code P} or {@code P-Q}; the end below the start is refused. */
  private static int[] range(String text, String value, int min) {
    String[] ends = value.split("-", 2);
    int first = port(text, ends[0], min);
    int last = ends.length == 2 ? port(text, ends[1], min) : first;
    if (last < first) {
      throw new InvalidParameterException("invalid port range \"" + value + "\" in " + text);
    }
    return new int[] {first, last};
  }

  private static int port(String text, String value, int min) {
    try {
      int p = Integer.parseInt(value);
      if (p >= min && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below with the whole value
    }
    throw new InvalidParameterException("invalid port \"" + value + "\" in " + text);
  }
}
