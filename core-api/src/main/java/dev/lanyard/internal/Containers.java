package dev.lanyard.internal;

import dev.lanyard.ConflictException;
import dev.lanyard.ContainerOptions;
import dev.lanyard.Event;
import dev.lanyard.ExecResult;
import dev.lanyard.ForbiddenException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.NetworkException;
import dev.lanyard.NotFoundException;
import dev.lanyard.UnavailableException;
import dev.lanyard.netlink.NetNs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** Container lifecycle: run, adopt, start, stop, remove, exec, call — each a store transaction around kernel work. */
final class Containers {
  /** Docker's rule for container names. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

  private Containers() {}

  static Event event(ContainerState c, Event.Action action) {
    return new Event(Event.Type.CONTAINER, action, c.id(), c.name(), Map.of("name", c.name()), Instant.now());
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidParameterException(
          "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
  }

  static ContainerHandle run(Controller ctl, String name, ContainerOptions o) {
    checkName(name);
    NetworkState network = null;
    if (o.network().isPresent()) {
      network = ctl.requireNetwork(o.network().get());
    } else {
      network = ctl.resolveNetwork("bridge").filter(NetworkState::predefined)
          .or(() -> ctl.resolveNetwork("none").filter(NetworkState::predefined)).orElse(null);
    }
    boolean hostMode = network != null && network.predefined() && network.name().equals("host");
    if (network != null && !hostMode) {
      ctl.checkConnectable(network, o.endpoint());
    }
    String id = Controller.newId();
    String hostname = o.hostname().orElse(id.substring(0, 12));
    String nsName = hostMode ? null : ctl.config().namespacePrefix() + name;
    String nsPath = hostMode ? ctl.config().hostNamespace().toString() : NetNs.namedPath(nsName).toString();
    ContainerState intent = new ContainerState(
        id, name, hostname, nsName, nsPath, hostMode, true, System.currentTimeMillis(), Phase.CREATING, Owner.SELF);
    record(ctl, intent);
    Faults.point("run.intent");
    try {
      if (!hostMode) {
        if (NetNs.exists(nsName)) {
          throw new ConflictException("network namespace " + nsName + " already exists");
        }
        Sandboxes.create(nsName);
        Faults.point("run.kernel");
      }
      ContainerState ready = intent.with(Phase.READY, true);
      ctl.write(tx -> {
        tx.put(ContainerState.KIND, id, ready);
        tx.publish(event(ready, Event.Action.CREATE));
        tx.publish(event(ready, Event.Action.START));
        return null;
      });
      ctl.rewriteFiles(id);
    } catch (RuntimeException e) {
      forget(ctl, intent, e);
      throw e;
    }
    ContainerHandle handle = new ContainerHandle(ctl, id);
    if (network != null) {
      try {
        if (hostMode) {
          joinHost(ctl, network, ctl.containers.get(id));
        } else {
          ctl.connect(network.id(), id, o.endpoint());
        }
      } catch (RuntimeException e) {
        RuntimeException failure = e instanceof NetworkException ne ? setupFailed(ne) : e;
        try {
          remove(ctl, id);
        } catch (RuntimeException cleanup) {
          failure.addSuppressed(cleanup);
        }
        throw failure;
      }
    }
    return handle;
  }

  /** {@code --network host}: the container is the host namespace; its endpoint on {@code host} has no address. */
  private static void joinHost(Controller ctl, NetworkState host, ContainerState c) {
    String id = Controller.newId();
    EndpointState e = new EndpointState(id, host.id(), c.id(), c.name(), 1, null, null, null, null, null, null, null,
        null, List.of(), Map.of(), List.of(), Map.of(), 0, List.of(), List.of(), Map.of(), Phase.ACTIVE, Owner.SELF);
    ctl.write(tx -> {
      tx.put(EndpointState.KIND, id, e);
      tx.publish(Controller.networkEvent(host, Event.Action.CONNECT, Map.of("container", c.id())));
      return null;
    });
  }

  private static void record(Controller ctl, ContainerState intent) {
    ctl.write(tx -> {
      refuseTakenName(ctl, intent.name());
      tx.put(ContainerState.KIND, intent.id(), intent);
      return null;
    });
  }

  /** Docker's refusal of a name another container has; call inside the write transaction that takes it. */
  private static void refuseTakenName(Controller ctl, String name) {
    ctl.containers.values().stream().filter(c -> c.name().equals(name)).findFirst().ifPresent(c -> {
      throw new ConflictException("Conflict. The container name \"/" + name + "\" is already in use by container \""
          + c.id() + "\". You have to remove (or rename) that container to be able to reuse that name.");
    });
  }

  private static void forget(Controller ctl, ContainerState intent, RuntimeException failure) {
    try {
      if (intent.namespaceName() != null && !intent.adopted()) {
        Sandboxes.delete(intent.namespaceName());
      }
      ctl.write(tx -> {
        tx.delete(ContainerState.KIND, intent.id());
        return null;
      });
    } catch (RuntimeException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }

  static ContainerHandle adopt(Controller ctl, String name, Path namespace) {
    checkName(name);
    if (!Files.exists(namespace)) {
      throw new NotFoundException("network namespace " + namespace + " not found");
    }
    try (NetNs ns = NetNs.open(namespace)) {
      // opening proves it is a network namespace file, not any path
    }
    String id = Controller.newId();
    ContainerState ready = new ContainerState(id, name, id.substring(0, 12), null, namespace.toString(), true, true,
        System.currentTimeMillis(), Phase.READY, Owner.SELF);
    ctl.write(tx -> {
      refuseTakenName(ctl, name);
      tx.put(ContainerState.KIND, id, ready);
      tx.publish(event(ready, Event.Action.CREATE));
      tx.publish(event(ready, Event.Action.START));
      return null;
    });
    return new ContainerHandle(ctl, id);
  }

  /**
   * The record says running first (its owner is this process, so {@code open} can tell a start a crash
   * interrupted), then every configured endpoint is re-joined, then START is published. If an endpoint cannot
   * be joined the container is left stopped, as Docker leaves a container whose networking failed.
   */
  static void start(Controller ctl, String id) {
    ContainerState c = ctl.containerState(id);
    if (c.running()) {
      return;
    }
    ContainerState running = c.with(Phase.READY, true);
    save(ctl, running);
    NetworkException failure = null;
    for (EndpointState e : ctl.endpointsOfContainer(id)) {
      try {
        ctl.join(e, running);
      } catch (NetworkException x) {
        failure = (NetworkException) Controller.collect(failure, x);
      }
    }
    if (failure != null) {
      RuntimeException undo = leaveAll(ctl, id);
      if (undo != null) {
        failure.addSuppressed(undo);
      }
      throw revert(ctl, id, false, setupFailed(failure));
    }
    announce(ctl, running, Event.Action.START);
  }

  /**
   * The record says stopped first (see {@link #start}), then every endpoint leaves, then STOP is published. If
   * an endpoint cannot leave, the record says running again, so that {@code stop} can be repeated.
   */
  static void stop(Controller ctl, String id) {
    ContainerState c = ctl.containerState(id);
    if (!c.running()) {
      return;
    }
    ContainerState stopped = c.with(Phase.READY, false);
    save(ctl, stopped);
    RuntimeException failure = leaveAll(ctl, id);
    if (failure != null) {
      throw revert(ctl, id, true, failure);
    }
    announce(ctl, stopped, Event.Action.STOP);
  }

  private static void save(Controller ctl, ContainerState state) {
    ctl.write(tx -> {
      tx.put(ContainerState.KIND, state.id(), state);
      return null;
    });
  }

  /** After a failed start or stop: the record says {@code running} again, its files follow; returns {@code failure}. */
  private static <E extends RuntimeException> E revert(Controller ctl, String id, boolean running, E failure) {
    try {
      save(ctl, ctl.containers.get(id).with(Phase.READY, running));
      ctl.rewriteFiles(id);
    } catch (RuntimeException cleanup) {
      failure.addSuppressed(cleanup);
    }
    return failure;
  }

  private static void announce(Controller ctl, ContainerState state, Event.Action action) {
    ctl.write(tx -> {
      tx.publish(event(state, action));
      return null;
    });
    ctl.rewriteFiles(state.id());
  }

  /** Every plumbed endpoint of the container leaves and stays configured; the first failure, rest suppressed. */
  private static RuntimeException leaveAll(Controller ctl, String id) {
    RuntimeException failure = null;
    for (EndpointState e : ctl.endpointsOfContainer(id)) {
      try {
        ctl.leave(e, false, false);
      } catch (RuntimeException x) {
        failure = Controller.collect(failure, x);
      }
    }
    return failure;
  }

  /** Docker's report of a container whose networking could not be set up: the cause's kind, its message prefixed. */
  static NetworkException setupFailed(NetworkException cause) {
    String message = "failed to set up container networking: " + cause.getMessage();
    if (cause instanceof ForbiddenException) {
      return new ForbiddenException(message, cause);
    } else if (cause instanceof ConflictException) {
      return new ConflictException(message, cause);
    } else if (cause instanceof InvalidParameterException) {
      return new InvalidParameterException(message, cause);
    } else if (cause instanceof NotFoundException) {
      return new NotFoundException(message, cause);
    } else if (cause instanceof UnavailableException) {
      return new UnavailableException(message, cause);
    }
    return new NetworkException(message, cause);
  }

  static void remove(Controller ctl, String id) {
    ContainerState c = ctl.containerState(id);
    ContainerState removing = c.with(Phase.DELETING, c.running());
    boolean linkable = ctl.onDefaultBridge(id);
    ctl.write(tx -> {
      tx.put(ContainerState.KIND, id, removing);
      return null;
    });
    Faults.point("remove.intent");
    RuntimeException failure = null;
    for (EndpointState e : ctl.endpointsOfContainer(id)) {
      try {
        ctl.leave(e, true, true);
      } catch (RuntimeException x) {
        failure = Controller.collect(failure, x);
      }
    }
    if (c.namespaceName() != null && !c.adopted()) {
      try {
        Sandboxes.delete(c.namespaceName());
      } catch (RuntimeException x) {
        failure = Controller.collect(failure, x);
      }
    }
    ctl.write(tx -> {
      for (EndpointState e : ctl.endpointsOfContainer(id)) {
        tx.delete(EndpointState.KIND, e.id());
      }
      tx.delete(ContainerState.KIND, id);
      tx.publish(event(removing, Event.Action.DESTROY));
      return null;
    });
    if (linkable) {
      try {
        ctl.rewriteLinkParents(c.name(), id);
      } catch (RuntimeException x) {
        failure = Controller.collect(failure, x);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  static ExecResult exec(Controller ctl, String id, String... command) {
    if (command.length == 0) {
      throw new InvalidParameterException("no command given");
    }
    ContainerState c = ctl.containerState(id);
    List<String> argv = new ArrayList<>();
    if (c.namespaceName() != null) {
      // Docker gives a container its own UTS namespace with its hostname: a fresh one per process here.
      argv.addAll(List.of("ip", "netns", "exec", c.namespaceName(), "unshare", "--uts", "--", "sh", "-c",
          "hostname \"$0\" && exec \"$@\"", c.hostname()));
    } else {
      argv.addAll(List.of("nsenter", "--net=" + c.namespacePath()));
    }
    argv.addAll(List.of(command));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOSTNAME", c.hostname());
    for (EndpointState e : ctl.endpointsOfContainer(id)) {
      env.putAll(e.environment());
    }
    return Sandboxes.run(argv, env);
  }

  static <T> T call(Controller ctl, String id, Callable<T> task) {
    ContainerState c = ctl.containerState(id);
    try (NetNs ns = NetNs.open(Path.of(c.namespacePath()))) {
      return ns.call(task);
    }
  }

  static Optional<String> namespaceName(ContainerState c) {
    return Optional.ofNullable(c.namespaceName());
  }
}
