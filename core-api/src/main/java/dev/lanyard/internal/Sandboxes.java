package dev.lanyard.internal;

import dev.lanyard.ExecResult;
import dev.lanyard.NetworkException;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.Netlink;
import dev.lanyard.netlink.NetlinkSocket;
import dev.lanyard.netlink.NlWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Containers' namespaces and files: creates and deletes named namespaces, writes {@code hosts} and
 * {@code resolv.conf} in Docker's layout to {@code /etc/netns/NAME/} (where {@code ip netns exec}
 * bind-mounts them), and runs processes inside.
 */
final class Sandboxes {
  static final Path ETC_NETNS = Path.of("/etc/netns");
  private static final List<String> FILES = List.of("hosts", "resolv.conf");

  private Sandboxes() {}

  /** A new named namespace with loopback up; nothing is left behind if that fails. */
  static Path create(String namespaceName) {
    try (NetNs ns = NetNs.create(namespaceName)) {
      try (NetlinkSocket rt = NetlinkSocket.openIn(ns, Netlink.NETLINK_ROUTE)) {
        NlWriter up = new NlWriter(64).begin(IfLink.RTM_NEWLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK)
            .label("set lo up")
            .putU8(0).putU8(0).putU16(0) // ifinfomsg: family, pad, type
            .putU32(IfLink.LOOPBACK_INDEX)
            .putU32(IfLink.IFF_UP)
            .putU32(IfLink.IFF_UP)
            .end();
        rt.execute("set lo up in " + namespaceName, up);
      }
      return ns.path();
    } catch (RuntimeException e) {
      try {
        delete(namespaceName);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * Deletes the named namespace (if present) and the files {@link #writeFiles} made for it; its {@code /etc/netns}
   * directory goes too unless someone else put files there.
   */
  static void delete(String namespaceName) {
    if (NetNs.exists(namespaceName)) {
      NetNs.delete(namespaceName);
    }
    Path dir = ETC_NETNS.resolve(namespaceName);
    try {
      for (String name : FILES) {
        Files.deleteIfExists(dir.resolve(name));
        Files.deleteIfExists(temporary(dir.resolve(name)));
      }
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      // not ours to remove
    } catch (IOException e) {
      throw new UncheckedIOException("delete " + dir, e);
    }
  }

  /** Writes {@code hosts} and {@code resolv.conf} for the namespace atomically (write then rename). */
  static void writeFiles(String namespaceName, String hosts, String resolvConf) {
    Path dir = ETC_NETNS.resolve(namespaceName);
    try {
      Files.createDirectories(dir);
      replace(dir.resolve(FILES.get(0)), hosts);
      replace(dir.resolve(FILES.get(1)), resolvConf);
    } catch (IOException e) {
      throw new UncheckedIOException("write " + dir, e);
    }
  }

  private static void replace(Path file, String content) throws IOException {
    Path tmp = temporary(file);
    Files.writeString(tmp, content);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static Path temporary(Path file) {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  /** Docker's {@code /etc/hosts}: the fixed loopback entries, then the given address → names lines. */
  static String hosts(List<String> entries) {
    StringBuilder b = new StringBuilder()
        .append("127.0.0.1\tlocalhost\n")
        .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
        .append("fe00::\tip6-localnet\n")
        .append("ff00::\tip6-mcastprefix\n")
        .append("ff02::1\tip6-allnodes\n")
        .append("ff02::2\tip6-allrouters\n");
    entries.forEach(e -> b.append(e).append('\n'));
    return b.toString();
  }

  /** Runs {@code command} to completion with {@code environment} added, collecting its output. */
  static ExecResult run(List<String> command, Map<String, String> environment) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(environment);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new NetworkException("cannot run " + command + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    String out = drain(p.getInputStream());
    try {
      int code = p.waitFor();
      return new ExecResult(code, out, err.join());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new NetworkException("interrupted while running " + command, e);
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
