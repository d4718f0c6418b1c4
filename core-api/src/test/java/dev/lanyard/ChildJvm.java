package dev.lanyard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second process on the same state directory, for crash, concurrency and event tests: {@link #start}
 * launches this class's {@code main} in a new JVM with the test class path.
 */
public final class ChildJvm {
  private static final Path SELF = Path.of("/proc/self/ns/net");

  private ChildJvm() {}

  /** Starts {@code main(args)} in a child JVM, with {@code -Dkey=value} properties first. */
  public static Process start(List<String> properties, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    properties.forEach(p -> command.add("-D" + p));
    command.add(ChildJvm.class.getName());
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Networks open(Path dir) {
    return Networks.builder().stateDirectory(dir).hostNamespace(SELF).open();
  }

  /**
   * {@code op DIR create|connect|disconnect|rm} — one operation on the fixture of {@code CrashTest};
   * {@code connect-many DIR NETWORK PREFIX COUNT} — adopts and connects COUNT containers, printing each address;
   * {@code run DIR HOSTNS PREFIX NAME} — runs a container on {@code none};
   * {@code watch DIR} — prints every event as {@code ACTION NAME} until stdin closes.
   */
  @SuppressWarnings("try") // the subscription only has to stay open
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path dir = Path.of(args[1]);
    switch (args[0]) {
      case "op" -> {
        try (Networks networks = open(dir)) {
          CrashTest.operation(networks, args[2]);
        }
        out.println("done");
      }
      case "connect-many" -> {
        try (Networks networks = open(dir)) {
          Network n = networks.network(args[2]);
          int count = Integer.parseInt(args[4]);
          for (int i = 0; i < count; i++) {
            Container c = networks.adopt(args[3] + i, SELF);
            out.println(n.connect(c).ipv4().orElseThrow());
          }
        }
      }
      case "run" -> {
        try (Networks networks = Networks.builder().stateDirectory(dir).hostNamespace(Path.of(args[2]))
            .namespacePrefix(args[3]).open()) {
          networks.run(args[4], o -> o.network("none"));
        }
        out.println("done");
      }
      case "watch" -> {
        try (Networks networks = open(dir);
            Subscription ignored = networks.subscribe(e -> out.println(e.action() + " " + e.name()))) {
          out.println("ready");
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
      }
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }
}
