package dev.lanyard.examples;

import dev.lanyard.cli.Lanyard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code lanyard} commands in this JVM (each its own invocation: a controller opened and closed, as a
 * separate process would) on one state directory, host namespace and container-name prefix, and echoes each
 * command with its output to a transcript. Turns this JVM's automatic DNS service off, as the CLI's own
 * processes run: DNS comes from the {@code dns-daemon} process. Not thread-safe.
 */
public final class Cli {
  /** What one invocation gave. */
  public record Result(List<String> args, int exitCode, String out, String err) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private final Map<String, String> environment;
  private final PrintWriter transcript;

  /**
   * @param stateDirectory  {@code LANYARD_STATE_DIR}
   * @param hostNamespace   {@code LANYARD_HOST_NETNS}, e.g. {@code /run/netns/scratch}
   * @param namespacePrefix {@code LANYARD_NETNS_PREFIX}: container namespaces are named prefix + name
   * @param transcript      where {@code $ lanyard …} and the output go
   */
  public Cli(Path stateDirectory, Path hostNamespace, String namespacePrefix, PrintWriter transcript) {
    Lanyard.disableInProcessDns();
    this.environment = Map.of("LANYARD_STATE_DIR", stateDirectory.toString(),
        "LANYARD_HOST_NETNS", hostNamespace.toString(), "LANYARD_NETNS_PREFIX", namespacePrefix);
    this.transcript = transcript;
  }

  public Result run(String... args) {
    transcript.println("$ lanyard " + String.join(" ", args.length == 0 ? new String[0] : quote(args)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Lanyard.execute(environment, new PrintWriter(out), new PrintWriter(err), args);
    transcript.print(out);
    transcript.print(err);
    if (code != 0) {
      transcript.println("(exit status " + code + ")");
    }
    transcript.println();
    transcript.flush();
    return new Result(List.of(args), code, out.toString(), err.toString());
  }

  private static String[] quote(String[] args) {
    String[] q = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      q[i] = args[i].matches("[A-Za-z0-9_./:=@+,-]+") ? args[i] : "'" + args[i].replace("'", "'\\''") + "'";
    }
    return q;
  }
}
