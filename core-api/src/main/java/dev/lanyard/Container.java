package dev.lanyard;

import dev.lanyard.inspect.ContainerInspect;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A network sandbox: a Linux network namespace with a name, a hostname and Docker-style {@code hosts}
 * and {@code resolv.conf} files. A handle by id; getters read the controller's current state.
 *
 * <p>A container made by {@link Networks#run} is a named namespace ({@code ip netns list} shows it as the
 * controller's namespace prefix + name) whose files are in {@code /etc/netns/NSNAME/}, where
 * {@code ip netns exec} mounts them. An adopted one ({@link Networks#adopt}) is only referenced.
 *
 * <p>Threads: {@link #call} runs the task on a new platform thread that enters the namespace and ends with
 * the task; no other method enters a namespace on the caller's thread. Thread-safe.
 *
 * <pre>{@code
 * Container c = networks.run("web", o -> o.network("isolated_nw", e -> e.alias("app")));
 * ExecResult r = c.exec("ip", "-br", "addr");
 * int port = c.call(() -> { try (var s = new java.net.ServerSocket(0)) { return s.getLocalPort(); } });
 * c.stop(); c.start(); c.remove();
 * }</pre>
 */
public interface Container {
  String id();

  String name();

  String hostname();

  /** The namespace's path: {@code /run/netns/NSNAME} or the adopted path. */
  Path namespacePath();

  /** The {@code ip netns} name, for containers Lanyard created. */
  Optional<String> namespaceName();

  boolean running();

  /** Its endpoints (inactive ones while stopped), in join order. */
  List<Endpoint> endpoints();

  /** Re-joins every network it is configured for; static addresses are kept. */
  void start();

  /** Leaves every network, releasing dynamic addresses; its configuration stays. */
  void stop();

  /** Disconnects it everywhere and deletes the namespace Lanyard made for it. */
  void remove();

  /**
   * Runs a command inside the namespace ({@code ip netns exec}, or {@code nsenter} for an adopted
   * namespace) with the container's hosts and resolv.conf, its hostname (a new UTS namespace per process,
   * for containers Lanyard made) and the drivers' environment variables, and waits for it.
   */
  ExecResult exec(String... command);

  /** Runs Java code on a new platform thread inside the namespace and returns its result. */
  <T> T call(Callable<T> task);

  /** The networking part of {@code docker inspect}. */
  ContainerInspect inspect();
}
