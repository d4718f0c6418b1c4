package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Docker's command-line syntax, parsed without running anything: clustered flags, {@code --flag=value}, flags
 * after IMAGE belonging to the command, repeated flags; and the usage errors with Docker's wording and exit
 * codes (these fail before a controller is opened, so no root is needed).
 */
class ArgumentParsingTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private ParseResult parse(String... args) {
    CommandLine cl = new CommandLine(new Lanyard(Map.of(), new PrintWriter(out), new PrintWriter(err)))
        .setPosixClusteredShortOptionsAllowed(true);
    cl.getSubcommands().get("run").setStopAtPositional(true);
    cl.getSubcommands().get("exec").setStopAtPositional(true);
    return cl.parseArgs(args);
  }

  private static <T> T command(ParseResult parsed, Class<T> type) {
    ParseResult p = parsed;
    while (p.hasSubcommand()) {
      p = p.subcommand();
    }
    return type.cast(p.commandSpec().userObject());
  }

  private int execute(String... args) {
    return Lanyard.execute(Map.of("LANYARD_STATE_DIR", "/nonexistent-never-opened"), new PrintWriter(out),
        new PrintWriter(err), args);
  }

  @Test
  void runTakesClusteredFlagsAndLeavesTheCommandAlone() {
    ContainerCommands.Run run = command(parse("run", "--network=isolated_nw", "--ip=172.25.3.3", "-itd",
        "--name=container3", "--network-alias", "app", "--link", "container5:c5", "-P", "--expose", "6379",
        "-p", "8080:80/udp", "-p", "[::1]:8000-8001:9000-9001", "busybox", "ping", "-c", "1", "-w", "2", "container1"), ContainerCommands.Run.class);
    assertThat(run.detach).isTrue();
    assertThat(run.interactive).isTrue();
    assertThat(run.tty).isTrue();
    assertThat(run.name).isEqualTo("container3");
    assertThat(run.network).isEqualTo("isolated_nw");
    assertThat(run.endpoint.ip).isEqualTo("172.25.3.3");
    assertThat(run.aliases).containsExactly("app");
    assertThat(run.endpoint.links).containsExactly("container5:c5");
    assertThat(run.image).isEqualTo("busybox");
    assertThat(run.command).containsExactly("ping", "-c", "1", "-w", "2", "container1");
    assertThat(run.ports()).containsExactly(new PortSpec("", 8080, 8080, 80, 80, "udp"),
        new PortSpec("::1", 8000, 8001, 9000, 9001, "tcp"), new PortSpec("", 0, 0, 6379, 6379, "tcp"));
  }

  @Test
  void runWithoutImageIsASandboxOnly() {
    ContainerCommands.Run run = command(parse("run", "-d", "--name", "c1", "-h", "web"), ContainerCommands.Run.class);
    assertThat(run.image).isNull();
    assertThat(run.command).isEmpty();
    assertThat(run.hostname).isEqualTo("web");
  }

  @Test
  void networkCreateTakesEveryGuideFlagAndFlagsAfterTheName() {
    NetworkCommand.Create c = command(parse("network", "create", "-d", "overlay", "--subnet=192.168.0.0/16",
        "--subnet=192.170.0.0/16", "--gateway=192.168.0.100", "--gateway=192.170.0.100", "--ip-range=192.168.1.0/24",
        "--aux-address=my-router=192.168.1.5", "--aux-address", "my-switch=192.168.1.6",
        "-o", "com.docker.network.bridge.host_binding_ipv4=172.23.0.1", "--label", "env=prod", "--internal",
        "--ipv6", "--attachable", "--ipam-driver", "default", "--ipam-opt", "serial=true", "my-multihost-network",
        "--scope", "local"), NetworkCommand.Create.class);
    assertThat(c.driver).isEqualTo("overlay");
    assertThat(c.subnets).containsExactly("192.168.0.0/16", "192.170.0.0/16");
    assertThat(c.gateways).containsExactly("192.168.0.100", "192.170.0.100");
    assertThat(c.ipRanges).containsExactly("192.168.1.0/24");
    assertThat(Base.keyValues("aux-address", c.auxAddresses, true))
        .containsExactly(Map.entry("my-router", "192.168.1.5"), Map.entry("my-switch", "192.168.1.6"));
    assertThat(Base.keyValues("opt", c.options, false))
        .containsExactly(Map.entry("com.docker.network.bridge.host_binding_ipv4", "172.23.0.1"));
    assertThat(c.internal && c.ipv6 && c.attachable && c.ipv4).isTrue();
    assertThat(c.scope).isEqualTo("local");
    assertThat(c.name).isEqualTo("my-multihost-network");
  }

  @Test
  void lsAndDisconnectFlags() {
    NetworkCommand.Ls ls = command(parse("network", "ls", "-q", "--no-trunc", "--format", "json", "-f", "driver=bridge",
        "-f", "name=iso"), NetworkCommand.Ls.class);
    assertThat(ls.quiet && ls.noTrunc).isTrue();
    assertThat(ls.format).isEqualTo("json");
    assertThat(ls.filters).containsExactly("driver=bridge", "name=iso");
    NetworkCommand.Disconnect d = command(parse("network", "disconnect", "-f", "multihost", "redis_db"),
        NetworkCommand.Disconnect.class);
    assertThat(d.force).isTrue();
    assertThat(List.of(d.network, d.container)).containsExactly("multihost", "redis_db");
    NetworkCommand.Connect c = command(parse("network", "connect", "--alias", "scoped-app", "--ip6", "2001:db8::33",
        "--link-local-ip", "169.254.1.1", "--driver-opt", "k=v", "--gw-priority", "-3", "local_alias", "container6"),
        NetworkCommand.Connect.class);
    assertThat(c.aliases).containsExactly("scoped-app");
    assertThat(c.gwPriority).isEqualTo(-3);
    assertThat(c.endpoint.ip6).isEqualTo("2001:db8::33");
    assertThat(c.endpoint.linkLocalIps).containsExactly("169.254.1.1");
  }

  @Test
  void execKeepsTheCommandsOwnFlags() {
    ContainerCommands.Exec e = command(parse("exec", "-it", "container2", "ip", "-br", "addr"), ContainerCommands.Exec.class);
    assertThat(e.container).isEqualTo("container2");
    assertThat(e.command).containsExactly("ip", "-br", "addr");
  }

  @Test
  void unknownFlagIsExit125WithDockersWording() {
    assertThat(execute("network", "create", "--bogus", "x")).isEqualTo(125);
    assertThat(err.toString()).isEqualTo("unknown flag: --bogus\nSee 'lanyard network create --help'.\n");
  }

  @Test
  void unknownShorthandIsExit125() {
    assertThat(execute("network", "ls", "-z")).isEqualTo(125);
    assertThat(err.toString()).isEqualTo("unknown shorthand flag: 'z' in -z\nSee 'lanyard network ls --help'.\n");
  }

  @Test
  void missingArgumentIsExit1WithDockersWording() {
    assertThat(execute("network", "create")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo(
        "\"lanyard network create\" requires exactly 1 argument.\nSee 'lanyard network create --help'.\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void connectNeedsTwoArguments() {
    assertThat(execute("network", "connect")).isEqualTo(1);
    assertThat(err.toString()).startsWith("\"lanyard network connect\" requires exactly 2 arguments.\n");
    err.getBuffer().setLength(0);
    assertThat(execute("network", "rm")).isEqualTo(1);
    assertThat(err.toString()).startsWith("\"lanyard network rm\" requires at least 1 argument.\n");
  }

  @Test
  void runNeedsAName() {
    assertThat(execute("run", "-d", "busybox")).isEqualTo(125);
    assertThat(err.toString()).startsWith("Missing required option: '--name=<name>'\n");
  }

  @Test
  void badKeyValueIsRefusedNamingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Base.keyValues("aux-address", List.of("my-router"), true))
        .isInstanceOf(dev.lanyard.InvalidParameterException.class)
        .hasMessage("invalid aux-address \"my-router\": expected key=value");
    assertThat(Base.keyValues("label", List.of("flag"), false)).containsExactly(Map.entry("flag", ""));
  }
}
