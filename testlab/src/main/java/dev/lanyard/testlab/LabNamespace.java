package dev.lanyard.testlab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch network namespace made by the {@link KernelLab} for one test, with the oracle: commands
 * no one in this project wrote ({@code ip}, {@code bridge}, {@code nft}, {@code ping}, {@code getent},
 * {@code dig}), run inside it.
 */
public final class LabNamespace {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;

  LabNamespace(String name) {
    this.name = name;
  }

  /** The name under /run/netns, usable with {@code ip netns exec}. */
  public String name() {
    return name;
  }

  /** {@code /run/netns/NAME}: point the library at this. */
  public Path path() {
    return Path.of("/run/netns", name);
  }

  /** Runs {@code command} inside this namespace ({@code ip netns exec NAME …}). */
  public ExecResult exec(String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(command));
    return Commands.run(full);
  }

  /** {@code ip -j -d ARGS} inside this namespace, parsed; fails the test if ip fails. */
  public JsonNode ip(String... args) {
    return json(prefixed(List.of("ip", "-n", name, "-j", "-d"), args));
  }

  /** {@code bridge -j ARGS} inside this namespace, parsed. */
  public JsonNode bridge(String... args) {
    return json(prefixed(List.of("bridge", "-n", name, "-j"), args));
  }

  /** {@code nft -j list ruleset} inside this namespace, parsed. */
  public JsonNode nftRuleset() {
    return json(List.of("ip", "netns", "exec", name, "nft", "-j", "list", "ruleset"));
  }

  /** {@code nft ARGS} inside this namespace, as text. */
  public ExecResult nft(String... args) {
    return Commands.run(prefixed(List.of("ip", "netns", "exec", name, "nft"), args));
  }

  /**
   * Pings {@code address} until one reply arrives, for at most three seconds; true if it answered.
   * A deadline rather than one probe: a port just added to a bridge, or a neighbour still being
   * resolved, can lose the first packet, and a negative answer should mean "not reachable", not "slow".
   */
  public boolean ping(String address) {
    return exec("ping", "-c", "1", "-w", "3", address).ok();
  }

  /** {@code getent hosts NAME} inside this namespace. */
  public ExecResult getentHosts(String hostname) {
    return exec("getent", "hosts", hostname);
  }

  /** {@code dig +short … @SERVER} inside this namespace. */
  public ExecResult dig(String... args) {
    return exec(prefixed(List.of("dig", "+time=2", "+tries=1"), args).toArray(String[]::new));
  }

  /** Runs a command (already complete, e.g. {@code ip -n NAME …}) and parses its JSON output. */
  public static JsonNode json(List<String> command) {
    ExecResult r = Commands.run(command).orFail();
    String out = r.stdout().isBlank() ? "[]" : r.stdout();
    try {
      return JSON.readTree(out);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON from " + String.join(" ", command) + ": " + out, e);
    }
  }

  private static List<String> prefixed(List<String> prefix, String... args) {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(List.of(args));
    return full;
  }

  @Override
  public String toString() {
    return "LabNamespace[" + name + "]";
  }
}
