package dev.lanyard.cli;

import dev.lanyard.Networks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where one {@code lanyard} invocation works: the state directory, the host namespace and the prefix of the
 * {@code ip netns} names of containers. Each comes from its option, else its environment variable, else the
 * default. Immutable.
 *
 * @param stateDirectory  {@code --state-dir} / {@code LANYARD_STATE_DIR}, default {@code /var/lib/lanyard}
 * @param hostNamespace   {@code --host-netns} / {@code LANYARD_HOST_NETNS}, default this process's namespace
 * @param namespacePrefix {@code --netns-prefix} / {@code LANYARD_NETNS_PREFIX}, default none
 */
record Settings(Path stateDirectory, Path hostNamespace, String namespacePrefix) {
  static final String STATE_DIR_ENV = "LANYARD_STATE_DIR";
  static final String HOST_NETNS_ENV = "LANYARD_HOST_NETNS";
  static final String NETNS_PREFIX_ENV = "LANYARD_NETNS_PREFIX";

  static Settings resolve(String stateDir, String hostNetns, String prefix, Map<String, String> env) {
    return new Settings(
        Path.of(first(stateDir, env.get(STATE_DIR_ENV), Networks.DEFAULT_STATE_DIRECTORY.toString())).toAbsolutePath(),
        Path.of(first(hostNetns, env.get(HOST_NETNS_ENV), "/proc/self/ns/net")).toAbsolutePath(),
        first(prefix, env.get(NETNS_PREFIX_ENV), ""));
  }

  /** The global options that give these settings to another {@code lanyard} process. */
  List<String> asOptions() {
    return List.of("--state-dir", stateDirectory.toString(), "--host-netns", hostNamespace.toString(),
        "--netns-prefix=" + namespacePrefix);
  }

  Networks open() {
    return Networks.builder().stateDirectory(stateDirectory).hostNamespace(hostNamespace)
        .namespacePrefix(namespacePrefix).open();
  }

  /** The examples module's own files (container metadata, the DNS daemon's lock and log). */
  Path cliDirectory() {
    return stateDirectory.resolve("cli");
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return "";
  }
}
