package dev.lanyard.resolver;

import dev.lanyard.testlab.LabNamespace;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Small builders for test models. */
final class Models {
  private Models() {}

  static Inet4Address v4(String text) {
    return (Inet4Address) address(text);
  }

  static Inet6Address v6(String text) {
    return (Inet6Address) address(text);
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** A 64-hex id derived from the name, so tests can predict the short id. */
  static String idOf(String name) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return HexFormat.of().formatHex(digest);
  }

  static DnsContainer container(String name, Path netns, DnsEndpoint... endpoints) {
    return new DnsContainer(idOf(name), name, name, netns, List.of(endpoints));
  }

  static DnsContainer container(String name, LabNamespace ns, DnsEndpoint... endpoints) {
    return container(name, ns.path(), endpoints);
  }

  static DnsEndpoint on(String network, String address) {
    return DnsEndpoint.ipv4(network, idOf("net-" + network), v4(address));
  }
}
