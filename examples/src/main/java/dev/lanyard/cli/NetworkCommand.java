package dev.lanyard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.EndpointOptions;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.Network;
import dev.lanyard.NetworkBuilder;
import dev.lanyard.NetworkException;
import dev.lanyard.NetworkFilter;
import dev.lanyard.spi.Scope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanyard network create|connect|disconnect|ls|inspect|rm|prune}, as {@code docker network}. */
@Command(name = "network", description = "Manage networks.", mixinStandardHelpOptions = true,
    subcommands = {NetworkCommand.Create.class, NetworkCommand.Connect.class, NetworkCommand.Disconnect.class,
        NetworkCommand.Ls.class, NetworkCommand.InspectNetwork.class, NetworkCommand.Rm.class, NetworkCommand.Prune.class})
final class NetworkCommand extends Base {
  @Override
  public Integer call() {
    spec.commandLine().usage(err());
    return 0;
  }

  /** Parses {@code -f key=value} flags into one filter (values of a key are alternatives). */
  static NetworkFilter filter(List<String> filters) {
    NetworkFilter f = NetworkFilter.ALL;
    for (String item : filters) {
      f = f.and(NetworkFilter.parse(item));
    }
    return f;
  }

  @Command(name = "create", description = "Create a network.", mixinStandardHelpOptions = true)
  static final class Create extends Base {
    @Option(names = {"-d", "--driver"}, defaultValue = "bridge", description = "Driver to manage the network.")
    String driver;
    @Option(names = "--subnet", description = "Subnet in CIDR format.") List<String> subnets = new ArrayList<>();
    @Option(names = "--ip-range", description = "Allocate container IPs from a sub-range.") List<String> ipRanges = new ArrayList<>();
    @Option(names = "--gateway", description = "Gateway for the master subnet.") List<String> gateways = new ArrayList<>();
    @Option(names = "--aux-address", description = "Auxiliary addresses used by the driver (name=ip).")
    List<String> auxAddresses = new ArrayList<>();
    @Option(names = {"-o", "--opt"}, description = "Driver specific options.") List<String> options = new ArrayList<>();
    @Option(names = "--label", description = "Metadata on a network.") List<String> labels = new ArrayList<>();
    @Option(names = "--internal", description = "Restrict external access to the network.") boolean internal;
    @Option(names = "--ipv6", description = "Enable IPv6 networking.") boolean ipv6;
    @Option(names = "--ipv4", arity = "0..1", defaultValue = "true", fallbackValue = "true",
        description = "Enable IPv4 networking (default true).") boolean ipv4;
    @Option(names = "--ipam-driver", defaultValue = "default", description = "IP address management driver.")
    String ipamDriver;
    @Option(names = "--ipam-opt", description = "Set IPAM driver specific options.") List<String> ipamOptions = new ArrayList<>();
    @Option(names = "--attachable", description = "Enable manual container attachment.") boolean attachable;
    @Option(names = "--ingress", description = "Create swarm routing-mesh network.") boolean ingress;
    @Option(names = "--scope", description = "Control the network's scope (local, global, swarm).") String scope;
    @Option(names = "--config-only", description = "Create a configuration only network.") boolean configOnly;
    @Option(names = "--config-from", description = "The network from which to copy the configuration.") String configFrom;
    @Parameters(index = "0", arity = "1", paramLabel = "NETWORK") String name;

    @Override
    public Integer call() {
      out().println(build().create().id());
      return 0;
    }

    /** The builder these flags describe (checked, nothing created). */
    NetworkBuilder build() {
      NetworkBuilder b = networks().newNetwork(name).driver(driver).ipamDriver(ipamDriver);
      subnets.forEach(b::subnet);
      ipRanges.forEach(b::ipRange);
      gateways.forEach(b::gateway);
      keyValues("aux-address", auxAddresses, true).forEach(b::auxAddress);
      keyValues("opt", options, false).forEach(b::option);
      keyValues("label", labels, false).forEach(b::label);
      keyValues("ipam-opt", ipamOptions, true).forEach(b::ipamOption);
      if (internal) {
        b.internal();
      }
      if (ipv6) {
        b.ipv6();
      }
      b.ipv4(ipv4);
      if (attachable) {
        b.attachable();
      }
      if (ingress) {
        b.ingress();
      }
      if (scope != null) {
        b.scope(parseScope(scope));
      }
      if (configOnly) {
        b.configOnly();
      }
      if (configFrom != null) {
        b.configFrom(configFrom);
      }
      return b;
    }

    static Scope parseScope(String text) {
      for (Scope s : Scope.values()) {
        if (s.text().equals(text.toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new InvalidParameterException("invalid scope value \"" + text + "\": must be local, global or swarm");
    }
  }

  /** The endpoint flags shared by {@code network connect} and {@code run}. */
  static final class EndpointFlags {
    @Option(names = "--ip", description = "IPv4 address (e.g. 172.30.100.104).") String ip;
    @Option(names = "--ip6", description = "IPv6 address (e.g. 2001:db8::33).") String ip6;
    @Option(names = "--link", description = "Add link to another container (name[:alias]).") List<String> links = new ArrayList<>();
    @Option(names = "--link-local-ip", description = "Add a link-local address for the container.")
    List<String> linkLocalIps = new ArrayList<>();

    void applyTo(EndpointOptions o, List<String> aliases, List<String> driverOpts) {
      if (ip != null) {
        o.ip(ip);
      }
      if (ip6 != null) {
        o.ip6(ip6);
      }
      aliases.forEach(o::alias);
      for (String link : links) {
        String[] parts = link.split(":", 2);
        if (parts.length == 2) {
          o.link(parts[0], parts[1]);
        } else {
          o.link(parts[0]);
        }
      }
      linkLocalIps.forEach(o::linkLocalIp);
      keyValues("driver-opt", driverOpts, true).forEach(o::driverOpt);
    }
  }

  @Command(name = "connect", description = "Connect a container to a network.", mixinStandardHelpOptions = true)
  static final class Connect extends Base {
    @picocli.CommandLine.Mixin EndpointFlags endpoint = new EndpointFlags();
    @Option(names = "--alias", description = "Add network-scoped alias for the container.") List<String> aliases = new ArrayList<>();
    @Option(names = "--driver-opt", description = "Driver options for the network.") List<String> driverOpts = new ArrayList<>();
    @Option(names = "--gw-priority", description = "Highest gw-priority provides the default gateway. Accepts positive"
        + " and negative values.") int gwPriority;
    @Parameters(index = "0", paramLabel = "NETWORK") String network;
    @Parameters(index = "1", paramLabel = "CONTAINER") String container;

    @Override
    public Integer call() {
      Network n = networks().network(network);
      n.connect(networks().container(container), o -> endpoint.applyTo(o.gwPriority(gwPriority), aliases, driverOpts));
      root().syncDns();
      return 0;
    }
  }

  @Command(name = "disconnect", description = "Disconnect a container from a network.", mixinStandardHelpOptions = true)
  static final class Disconnect extends Base {
    @Option(names = {"-f", "--force"}, description = "Force the container to disconnect from a network.") boolean force;
    @Parameters(index = "0", paramLabel = "NETWORK") String network;
    @Parameters(index = "1", paramLabel = "CONTAINER") String container;

    @Override
    public Integer call() {
      networks().network(network).disconnect(container, force);
      root().syncDns();
      return 0;
    }
  }

  @Command(name = "ls", aliases = "list", description = "List networks.", mixinStandardHelpOptions = true)
  static final class Ls extends Base {
    @Option(names = {"-q", "--quiet"}, description = "Only display network IDs.") boolean quiet;
    @Option(names = "--no-trunc", description = "Do not truncate the output.") boolean noTrunc;
    @Option(names = "--format", description = "Format output: table, json, or a Go template such as {{.Name}}.")
    String format;
    @Option(names = {"-f", "--filter"}, description = "Provide filter values (e.g. driver=bridge).")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() {
      NetworkFilter f = filter(filters);
      out().print(NetworkListing.render(networks().list(f).stream().map(NetworkListing.Row::of).toList(),
          quiet, noTrunc, format));
      return 0;
    }
  }

  @Command(name = "inspect", description = "Display detailed information on one or more networks.",
      mixinStandardHelpOptions = true)
  static final class InspectNetwork extends Base {
    @Option(names = {"-f", "--format"}, description = "Format output using a Go template, e.g. {{json .IPAM}}.")
    String format;
    @Parameters(arity = "1..*", paramLabel = "NETWORK") List<String> names;

    @Override
    public Integer call() {
      List<JsonNode> found = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (String name : names) {
        Optional<Network> n = networks().findNetwork(name);
        if (n.isPresent()) {
          found.add(DockerJson.networkTree(n.get().inspect()));
        } else {
          errors.add(Errors.DAEMON + "network " + name + " not found");
        }
      }
      printDocuments(this, found, format);
      errors.forEach(err()::println);
      return errors.isEmpty() ? 0 : 1;
    }
  }

  /** Prints inspect documents as Docker: one JSON array, or one template line per document. */
  static void printDocuments(Base command, List<JsonNode> documents, String format) {
    if (format == null || format.isEmpty()) {
      command.out().println(DockerJson.inspectArray(documents));
    } else {
      documents.forEach(d -> command.out().println(
          format.equals("json") ? DockerJson.compact(d) : DockerJson.format(format, d)));
    }
  }

  @Command(name = "rm", aliases = "remove", description = "Remove one or more networks.", mixinStandardHelpOptions = true)
  static final class Rm extends Base {
    @Option(names = {"-f", "--force"}, description = "Do not error if the network does not exist.") boolean force;
    @Parameters(arity = "1..*", paramLabel = "NETWORK") List<String> names;

    @Override
    public Integer call() {
      int code = 0;
      for (String name : names) {
        try {
          Optional<Network> n = networks().findNetwork(name);
          if (n.isEmpty()) {
            if (force) {
              continue;
            }
            throw new dev.lanyard.NotFoundException("network " + name + " not found");
          }
          n.get().remove();
          out().println(name);
        } catch (NetworkException e) {
          err().println(Errors.daemon(e));
          code = 1;
        }
      }
      return code;
    }
  }

  @Command(name = "prune", description = "Remove all unused networks.", mixinStandardHelpOptions = true)
  static final class Prune extends Base {
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.") boolean force;
    @Option(names = "--filter", description = "Provide filter values (e.g. label=<key>=<value>).")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      if (!force) {
        out().print("WARNING! This will remove all custom networks not used by at least one container.\n"
            + "Are you sure you want to continue? [y/N] ");
        out().flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
          return 0;
        }
      }
      List<String> removed = networks().prune(filter(filters));
      if (!removed.isEmpty()) {
        out().println("Deleted Networks:");
        removed.forEach(out()::println);
      }
      return 0;
    }
  }
}
