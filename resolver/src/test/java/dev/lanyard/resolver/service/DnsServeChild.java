package dev.lanyard.resolver.service;

import dev.lanyard.Networks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The second process of the takeover test: {@code DIR HOSTNS PREFIX} opens a controller on that state
 * directory (its DNS service starts by itself), prints {@code serving} once it holds the lock, and
 * serves until stdin closes or it is killed.
 */
public final class DnsServeChild {
  private DnsServeChild() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (Networks networks = Networks.builder().stateDirectory(Path.of(args[0])).hostNamespace(Path.of(args[1]))
        .namespacePrefix(args[2]).open()) {
      DnsService.of(networks).orElseThrow().awaitServing(Duration.ofSeconds(60));
      out.println("serving");
      while (System.in.read() >= 0) {
        // serve until the parent closes our stdin
      }
    }
  }
}
