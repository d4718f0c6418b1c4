package dev.lanyard.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lanyard dns-daemon [run|start|stop|status]}: the background DNS server of the state directory
 * ({@link DnsDaemon}). Other commands start it when a container first needs DNS; {@code stop} ends it.
 */
@Command(name = "dns-daemon", mixinStandardHelpOptions = true,
    description = "Manage the embedded DNS server of the state directory: run (foreground), start, stop, status.")
final class DnsDaemonCommand extends Base {
  @Parameters(index = "0", arity = "0..1", defaultValue = "status", paramLabel = "ACTION",
      description = "run, start, stop or status (default).")
  String action;

  @Override
  public Integer call() throws IOException, InterruptedException {
    DnsDaemon daemon = new DnsDaemon(root().settings());
    switch (action) {
      case "run" -> {
        return daemon.runForeground();
      }
      case "start" -> {
        if (!daemon.running()) {
          daemon.start();
        }
        root().syncDns();
        out().println("running (pid " + daemon.pid().map(String::valueOf).orElse("?") + ")");
        return 0;
      }
      case "stop" -> {
        out().println(daemon.stop() ? "stopped" : "not running");
        return 0;
      }
      case "status" -> {
        boolean running = daemon.running();
        out().println(running ? "running (pid " + daemon.pid().map(String::valueOf).orElse("?") + ")" : "not running");
        return running ? 0 : 3;
      }
      default -> throw new dev.lanyard.InvalidParameterException(
          "unknown dns-daemon action \"" + action + "\": expected run, start, stop or status");
    }
  }
}
