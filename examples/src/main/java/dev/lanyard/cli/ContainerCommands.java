package dev.lanyard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.Container;
import dev.lanyard.ContainerOptions;
import dev.lanyard.ExecResult;
import dev.lanyard.NetworkException;
import dev.lanyard.inspect.ContainerInspect;
import dev.lanyard.spi.PortMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lanyard run|exec|inspect|ps|stop|start|rm}: Docker's container commands where a container is a
 * network sandbox. {@code IMAGE} is accepted for Docker compatibility and only shown by {@code ps}; a
 * command after it runs inside the sandbox ({@link Workload}).
 */
final class ContainerCommands {
  private ContainerCommands() {}

  /** Runs {@code action} for each container named, printing the name or Docker's error; exit 1 if any failed. */
  private static int eachContainer(Base command, List<String> names, boolean ignoreMissing, ContainerAction action) {
    int code = 0;
    for (String name : names) {
      try {
        Optional<Container> c = command.networks().findContainer(name);
        if (c.isEmpty()) {
          if (ignoreMissing) {
            continue;
          }
          throw new dev.lanyard.NotFoundException("No such container: " + name);
        }
        action.apply(c.get());
        command.out().println(name);
      } catch (NetworkException e) {
        command.err().println(Errors.daemon(e));
        code = 1;
      }
    }
    command.root().syncDns();
    return code;
  }

  @FunctionalInterface
  private interface ContainerAction {
    void apply(Container c);
  }

  private static ContainerRecord record(Settings settings, Container c) {
    return ContainerRecord.read(settings, c.id())
        .orElseGet(() -> new ContainerRecord("", List.of(), System.currentTimeMillis(), System.currentTimeMillis(), 0, 0, 0, 0));
  }

  @Command(name = "run", description = "Create and start a container (a network sandbox).")
  static final class Run extends Base {
    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.") boolean help;
    @Option(names = {"-d", "--detach"}, description = "Run in the background and print the container ID.") boolean detach;
    @Option(names = {"-i", "--interactive"}, description = "Accepted for Docker compatibility.") boolean interactive;
    @Option(names = {"-t", "--tty"}, description = "Accepted for Docker compatibility.") boolean tty;
    @Option(names = "--name", required = true, description = "Assign a name to the container.") String name;
    @Option(names = {"--network", "--net"}, description = "Connect a container to a network: NAME, or "
        + "name=NAME[,alias=A][,ip=IP][,ip6=IP][,link-local-ip=IP][,driver-opt=K=V][,gw-priority=N].") String network;
    @Option(names = {"--network-alias", "--net-alias"}, description = "Add network-scoped alias for the container.")
    List<String> aliases = new ArrayList<>();
    @Mixin NetworkCommand.EndpointFlags endpoint = new NetworkCommand.EndpointFlags();
    @Option(names = {"-p", "--publish"}, description = "Publish a container's port(s) to the host.") List<String> publish = new ArrayList<>();
    @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to random ports.") boolean publishAll;
    @Option(names = "--expose", description = "Expose a port or a range of ports.") List<String> expose = new ArrayList<>();
    @Option(names = {"-h", "--hostname"}, description = "Container host name.") String hostname;
    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "Accepted and ignored.") String image;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND") List<String> command = new ArrayList<>();

    /** The ports to publish: {@code -p} as given, and with {@code -P} every exposed port not already published. */
    List<PortSpec> ports() {
      List<PortSpec> ports = new ArrayList<>();
      publish.forEach(p -> ports.add(PortSpec.parsePublish(p)));
      List<PortSpec> exposed = new ArrayList<>();
      expose.forEach(e -> exposed.addAll(PortSpec.parseExpose(e)));
      if (publishAll) {
        Set<String> taken = ports.stream().flatMap(p -> p.mapping().singles().stream()).map(PortMapping::key)
            .collect(Collectors.toSet());
        exposed.stream().filter(p -> taken.add(p.containerPort() + "/" + p.protocol())).forEach(ports::add);
      }
      return ports;
    }

    /** The options these flags describe. */
    void configure(ContainerOptions o, List<PortSpec> ports) {
      if (hostname != null) {
        o.hostname(hostname);
      }
      boolean endpointFlags = !ports.isEmpty() || !aliases.isEmpty() || !endpoint.links.isEmpty() || endpoint.ip != null
          || endpoint.ip6 != null || !endpoint.linkLocalIps.isEmpty();
      if (network != null || endpointFlags) {
        NetworkFlag flag = NetworkFlag.parse(network != null ? network : "bridge");
        o.network(flag.name(), e -> {
          flag.applyTo(e, endpoint, aliases);
          endpoint.applyTo(e, aliases, List.of());
          ports.forEach(p -> e.publish(p.mapping()));
        });
      }
    }

    @Override
    public Integer call() {
      List<PortSpec> ports = ports();
      Settings settings = root().settings();
      Container c = networks().run(name, o -> configure(o, ports));
      long now = System.currentTimeMillis();
      ContainerRecord record = new ContainerRecord(image == null ? "" : image, command, now, now, 0, 0, 0, 0);
      try {
        if (detach) {
          record = Workload.start(settings, c, record);
        }
        record.write(settings, c.id());
      } catch (RuntimeException e) {
        c.remove();
        throw e;
      }
      root().syncDns();
      if (detach || command.isEmpty()) {
        out().println(c.id());
        return 0;
      }
      // in the foreground the command is the container's life: run it, then stop the container
      ExecResult result = c.exec(command.toArray(String[]::new));
      out().print(result.stdout());
      err().print(result.stderr());
      c.stop();
      record.stopped(System.currentTimeMillis(), result.exitCode()).write(settings, c.id());
      root().syncDns();
      return result.exitCode();
    }
  }

  @Command(name = "exec", description = "Execute a command in a running container.", mixinStandardHelpOptions = true)
  static final class Exec extends Base {
    @Option(names = {"-i", "--interactive"}, description = "Accepted for Docker compatibility.") boolean interactive;
    @Option(names = {"-t", "--tty"}, description = "Accepted for Docker compatibility.") boolean tty;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND") List<String> command;

    @Override
    public Integer call() {
      Container c = networks().container(container);
      if (!c.running()) {
        throw new dev.lanyard.ConflictException("container " + c.id() + " is not running");
      }
      root().syncDns();
      ExecResult result = c.exec(command.toArray(String[]::new));
      out().print(result.stdout());
      err().print(result.stderr());
      return result.exitCode();
    }
  }

  @Command(name = "inspect", description = "Return low-level information on containers or networks.",
      mixinStandardHelpOptions = true)
  static final class Inspect extends Base {
    @Option(names = {"-f", "--format"}, description = "Format output using a Go template, e.g. {{json .NetworkSettings.Networks}}.")
    String format;
    @Option(names = "--type", description = "Only inspect objects of this type: container or network.") String type;
    @Parameters(arity = "1..*", paramLabel = "NAME") List<String> names;

    @Override
    public Integer call() {
      List<JsonNode> found = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (String name : names) {
        Optional<JsonNode> doc = Optional.empty();
        if (type == null || type.equals("container")) {
          doc = networks().findContainer(name).map(c -> DockerJson.tree(c.inspect()));
        }
        if (doc.isEmpty() && (type == null || type.equals("network"))) {
          doc = networks().findNetwork(name).map(n -> DockerJson.networkTree(n.inspect()));
        }
        doc.ifPresentOrElse(found::add, () -> missing.add(name));
      }
      NetworkCommand.printDocuments(this, found, format);
      missing.forEach(m -> err().println("Error: No such object: " + m));
      return missing.isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "ps", description = "List containers.", mixinStandardHelpOptions = true)
  static final class Ps extends Base {
    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running).") boolean all;
    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs.") boolean quiet;
    @Option(names = "--no-trunc", description = "Do not truncate output.") boolean noTrunc;

    @Override
    public Integer call() {
      Settings settings = root().settings();
      List<ContainerListing.Row> rows = new ArrayList<>();
      for (Container c : networks().containers()) {
        ContainerRecord r = record(settings, c);
        rows.add(new ContainerListing.Row(c.id(), r.image(), r.command(), r.createdMillis(), c.running(),
            r.startedMillis(), r.stoppedMillis(), r.exitCode(), ports(c.inspect()), c.name()));
      }
      out().print(ContainerListing.render(rows, System.currentTimeMillis(), all, quiet, noTrunc));
      return 0;
    }

    /**
     * {@code 172.23.0.1:32768->6379/tcp, [::]:8000-8010->8000-8010/tcp, …} from the bound ports: as Docker's
     * {@code ps}, consecutive ports of one host address and protocol (host and container numbers both
     * counting up) are shown as one range, and IPv6 host addresses in brackets.
     */
    static String ports(ContainerInspect doc) {
      record Bound(String hostIp, int hostPort, int containerPort, String protocol) {}
      List<String> shown = new ArrayList<>();
      List<Bound> bound = new ArrayList<>();
      Map<String, List<ContainerInspect.PortBinding>> ports = doc.networkSettings().ports();
      if (ports != null) {
        ports.forEach((key, bindings) -> {
          String[] portProto = key.split("/", 2);
          if (bindings == null || bindings.isEmpty()) {
            shown.add(key);
          } else {
            bindings.forEach(b -> bound.add(new Bound(b.hostIp(), Integer.parseInt(b.hostPort()),
                Integer.parseInt(portProto[0]), portProto[1])));
          }
        });
      }
      Set<Bound> done = new java.util.HashSet<>();
      for (Bound first : bound) {
        if (!done.add(first)) {
          continue;
        }
        int length = 1;
        while (true) {
          Bound next = new Bound(first.hostIp(), first.hostPort() + length, first.containerPort() + length,
              first.protocol());
          if (!bound.contains(next)) {
            break;
          }
          done.add(next);
          length++;
        }
        String host = first.hostIp().contains(":") ? "[" + first.hostIp() + "]" : first.hostIp();
        shown.add(host + ":" + range(first.hostPort(), length) + "->" + range(first.containerPort(), length) + "/"
            + first.protocol());
      }
      return String.join(", ", new LinkedHashSet<>(shown));
    }

    private static String range(int first, int length) {
      return length == 1 ? Integer.toString(first) : first + "-" + (first + length - 1);
    }
  }

  @Command(name = "stop", description = "Stop one or more running containers.", mixinStandardHelpOptions = true)
  static final class Stop extends Base {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> names;

    @Override
    public Integer call() {
      Settings settings = root().settings();
      return eachContainer(this, names, false, c -> stop(settings, c));
    }

    static void stop(Settings settings, Container c) {
      ContainerRecord r = record(settings, c);
      Workload.stop(r);
      if (c.running()) {
        c.stop();
        r = r.stopped(System.currentTimeMillis(), 0);
      }
      r.withProcess(0, 0).write(settings, c.id());
    }
  }

  @Command(name = "start", description = "Start one or more stopped containers.", mixinStandardHelpOptions = true)
  static final class Start extends Base {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> names;

    @Override
    public Integer call() {
      Settings settings = root().settings();
      return eachContainer(this, names, false, c -> {
        if (c.running()) {
          return;
        }
        c.start();
        ContainerRecord r = record(settings, c).started(System.currentTimeMillis());
        Workload.start(settings, c, r).write(settings, c.id());
      });
    }
  }

  @Command(name = "rm", description = "Remove one or more containers.", mixinStandardHelpOptions = true)
  static final class Rm extends Base {
    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container.") boolean force;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> names;

    @Override
    public Integer call() {
      Settings settings = root().settings();
      return eachContainer(this, names, force, c -> {
        if (c.running() && !force) {
          throw new dev.lanyard.ConflictException("cannot remove container \"/" + c.name()
              + "\": container is running: stop the container before removing or force remove");
        }
        Workload.stop(record(settings, c));
        c.remove();
        ContainerRecord.delete(settings, c.id());
      });
    }
  }
}
