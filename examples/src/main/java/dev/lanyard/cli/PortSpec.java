package dev.lanyard.cli;

import dev.lanyard.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code -p} value ({@code CONTAINER}, {@code HOST:CONTAINER}, {@code 0.0.0.0:HOST:CONTAINER}, each with an
 * optional {@code /tcp|udp|sctp}) or an {@code --expose} value ({@code PORT}, {@code FROM-TO}, with a
 * protocol). Host port 0 means "any free one" (what {@code -P} asks for). A host address other than
 * {@code 0.0.0.0} is refused: a network's {@code host_binding_ipv4} option chooses the address instead.
 *
 * @param hostPort      0 for any
 * @param containerPort the port inside the container
 * @param protocol      tcp, udp or sctp
 */
record PortSpec(int hostPort, int containerPort, String protocol) {
  static PortSpec parsePublish(String text) {
    String[] protoSplit = text.split("/", 2);
    String protocol = protocol(text, protoSplit);
    String[] parts = protoSplit[0].split(":", -1);
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
        if (!parts[0].isEmpty() && !parts[0].equals("0.0.0.0")) {
          throw new InvalidParameterException("invalid publish " + text + ": a host IP other than 0.0.0.0 is not"
              + " supported; use the network option com.docker.network.bridge.host_binding_ipv4");
        }
        host = parts[1];
        container = parts[2];
      }
      default -> throw new InvalidParameterException("invalid publish " + text + ": too many colons");
    }
    return new PortSpec(host.isEmpty() ? 0 : port(text, host, 0), port(text, container, 1), protocol);
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
      ports.add(new PortSpec(0, p, protocol));
    }
    return ports;
  }

  private static String protocol(String text, String[] protoSplit) {
    String protocol = protoSplit.length == 2 ? protoSplit[1].toLowerCase(Locale.ROOT) : "tcp";
    if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
      throw new InvalidParameterException("invalid proto: " + protocol + " in " + text);
    }
    return protocol;
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
