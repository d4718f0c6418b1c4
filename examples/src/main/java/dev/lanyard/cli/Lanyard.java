package dev.lanyard.cli;

import dev.lanyard.Networks;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lanyard}: Docker's network, container and inspect commands over Lanyard, with Docker's syntax, output
 * and exit codes. Each invocation opens a controller on the state directory, does its work and closes it;
 * the embedded DNS lives in {@link DnsDaemon}.
 *
 * <pre>{@code
 * java -jar examples/target/lanyard.jar --state-dir /tmp/ly --host-netns /run/netns/scratch network ls
 * int code = Lanyard.execute(Map.of(), out, err, "network", "create", "--subnet", "172.25.0.0/16", "isolated_nw");
 * }</pre>
 *
 * <p>Exit codes as Docker's CLI: 0 success; 1 an error from the controller (printed as
 * {@code Error response from daemon: …}) or a missing argument; 125 a bad flag; {@code exec} passes the
 * command's own code through. Threads: one invocation per instance; {@link #execute} may run on any thread and
 * never changes the calling thread's namespace.
 */
@Command(name = "lanyard", mixinStandardHelpOptions = true, version = "lanyard 0.1.0",
    description = "Docker's container networking without a daemon: networks, sandboxes and embedded DNS.",
    subcommands = {NetworkCommand.class, ContainerCommands.Run.class, ContainerCommands.Exec.class,
        ContainerCommands.Inspect.class, ContainerCommands.Ps.class, ContainerCommands.Stop.class,
        ContainerCommands.Start.class, ContainerCommands.Rm.class, DnsDaemonCommand.class, DemoCommand.class})
public final class Lanyard {
  /** Exit code of a usage error, as the Docker CLI. */
  public static final int USAGE = 125;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "State directory (env LANYARD_STATE_DIR; default /var/lib/lanyard).")
  String stateDir;

  @Option(names = "--host-netns", paramLabel = "PATH",
      description = "Host network namespace, e.g. /run/netns/scratch (env LANYARD_HOST_NETNS; default this process's).")
  String hostNetns;

  @Option(names = "--netns-prefix", paramLabel = "PREFIX",
      description = "Prefix of the ip-netns names of containers (env LANYARD_NETNS_PREFIX; default none).")
  String netnsPrefix;

  private final Map<String, String> environment;
  private final PrintWriter out;
  private final PrintWriter err;
  private Settings settings;
  private Networks networks;

  Lanyard(Map<String, String> environment, PrintWriter out, PrintWriter err) {
    this.environment = Map.copyOf(environment);
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    disableInProcessDns();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = execute(System.getenv(), out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Turns off, for this JVM, the DNS service the resolver module starts with every controller: a short CLI
   * process must not serve DNS (it would hold the state directory's DNS lock, then die with it); the
   * {@link DnsDaemon} serves. Call before the first {@link #execute} in a JVM that runs the CLI in-process.
   */
  public static void disableInProcessDns() {
    System.setProperty(dev.lanyard.resolver.service.DnsServiceProvider.ENABLED_PROPERTY, "false");
  }

  /** Runs one invocation with the given environment and streams; returns its exit code. */
  public static int execute(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
    Lanyard root = new Lanyard(environment, out, err);
    CommandLine cl = new CommandLine(root)
        .setOut(out)
        .setErr(err)
        .setPosixClusteredShortOptionsAllowed(true)
        .setStopAtPositional(false)
        .setParameterExceptionHandler(Errors::usage)
        .setExecutionExceptionHandler(Errors::execution);
    // as Docker: flags after IMAGE or CONTAINER belong to the command run inside
    cl.getSubcommands().get("run").setStopAtPositional(true);
    cl.getSubcommands().get("exec").setStopAtPositional(true);
    try {
      return cl.execute(args);
    } finally {
      root.close();
      out.flush();
      err.flush();
    }
  }

  Settings settings() {
    if (settings == null) {
      settings = Settings.resolve(stateDir, hostNetns, netnsPrefix, environment);
    }
    return settings;
  }

  /** The controller, opened on first use and closed when the invocation ends. */
  Networks networks() {
    if (networks == null) {
      networks = settings().open();
    }
    return networks;
  }

  /** Brings the DNS daemon in line with the current containers (see {@link DnsDaemon#sync}). */
  void syncDns() {
    new DnsDaemon(settings()).sync(DnsModels.of(networks()));
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  private void close() {
    if (networks != null) {
      networks.close();
      networks = null;
    }
  }
}
