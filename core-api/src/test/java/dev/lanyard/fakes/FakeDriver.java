package dev.lanyard.fakes;

import dev.lanyard.NetworkException;
import dev.lanyard.spi.DriverCapabilities;
import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.EndpointSpec;
import dev.lanyard.spi.JoinResult;
import dev.lanyard.spi.NetworkDriver;
import dev.lanyard.spi.NetworkSpec;
import dev.lanyard.spi.PortMapping;
import dev.lanyard.spi.PortPublisher;
import dev.lanyard.spi.SandboxSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A network driver whose "kernel" is a directory of marker files ({@link FakeKernel}), so tests in this and
 * other processes can see what is plumbed and what leaked. A network created with option
 * {@value #FAIL} = {@code create|join|leave|delete} makes that step fail after doing its part of the work,
 * to prove the controller undoes it.
 */
public final class FakeDriver implements NetworkDriver, PortPublisher {
  public static final String FAIL = "fake.fail";
  private static final AtomicInteger PORTS = new AtomicInteger(32768);

  private final FakeKernel kernel;

  public FakeDriver(DriverContext context) {
    this.kernel = new FakeKernel(context.stateDirectory());
  }

  @Override
  public DriverCapabilities capabilities() {
    return DriverCapabilities.localAddressed();
  }

  @Override
  public void createNetwork(NetworkSpec network) {
    kernel.put("networks", network.id(), network.name());
    failIf(network, "create");
  }

  @Override
  public void deleteNetwork(NetworkSpec network) {
    failIf(network, "delete");
    kernel.remove("networks", network.id());
  }

  @Override
  public JoinResult join(NetworkSpec network, EndpointSpec endpoint, SandboxSpec sandbox) {
    if (!kernel.has("networks", network.id())) {
      throw new NetworkException("fake: network " + network.name() + " is not in the kernel");
    }
    kernel.put("endpoints", endpoint.id(), endpoint.interfaceName() + " " + endpoint.ipv4().map(Object::toString).orElse("-")
        + " " + sandbox.namespace());
    failIf(network, "join");
    Map<String, String> env = new LinkedHashMap<>();
    endpoint.links().forEach((container, alias) -> env.put(
        alias.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_NAME",
        "/" + sandbox.containerName() + "/" + alias));
    Optional<java.net.InetAddress> gw = network.ipv4().stream().findFirst().flatMap(NetworkSpec.Subnet::gateway);
    Optional<java.net.InetAddress> gw6 = network.ipv6().stream().findFirst().flatMap(NetworkSpec.Subnet::gateway);
    return new JoinResult(gw, endpoint.ipv6().isPresent() ? gw6 : Optional.empty(), env);
  }

  @Override
  public void leave(NetworkSpec network, EndpointSpec endpoint, SandboxSpec sandbox) {
    failIf(network, "leave");
    kernel.remove("endpoints", endpoint.id());
  }

  @Override
  public List<PortMapping> publish(NetworkSpec network, EndpointSpec endpoint) {
    List<PortMapping> bound = new ArrayList<>();
    for (PortMapping p : endpoint.ports()) {
      int hostPort = p.hostPort() == 0 ? PORTS.getAndAdd(p.count()) + 1 : p.hostPort();
      bound.add(new PortMapping(p.containerPort(), p.containerPortEnd(), p.protocol(),
          p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp(), hostPort, hostPort + p.count() - 1));
    }
    kernel.put("ports", endpoint.id(), bound.toString());
    return bound;
  }

  @Override
  public void unpublish(NetworkSpec network, EndpointSpec endpoint, List<PortMapping> bound) {
    kernel.remove("ports", endpoint.id());
  }

  @Override
  public void removeLeaked(Collection<NetworkSpec> networks, Collection<EndpointSpec> endpoints) {
    Set<String> nets = networks.stream().map(NetworkSpec::id).collect(Collectors.toSet());
    Set<String> eps = endpoints.stream().map(EndpointSpec::id).collect(Collectors.toSet());
    kernel.ids("networks").stream().filter(id -> !nets.contains(id)).forEach(id -> kernel.remove("networks", id));
    kernel.ids("endpoints").stream().filter(id -> !eps.contains(id)).forEach(id -> kernel.remove("endpoints", id));
    kernel.ids("ports").stream().filter(id -> !eps.contains(id)).forEach(id -> kernel.remove("ports", id));
  }

  private static void failIf(NetworkSpec network, String step) {
    if (step.equals(network.options().get(FAIL))) {
      throw new NetworkException("fake: injected failure at " + step + " of " + network.name());
    }
  }

  /** The fake kernel: {@code <stateDirectory>/fake-kernel/<table>/<id>} files. */
  public static final class FakeKernel {
    private final Path root;

    public FakeKernel(Path stateDirectory) {
      this.root = stateDirectory.resolve("fake-kernel");
    }

    void put(String table, String id, String content) {
      try {
        Files.createDirectories(root.resolve(table));
        Files.writeString(root.resolve(table).resolve(id), content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void remove(String table, String id) {
      try {
        Files.deleteIfExists(root.resolve(table).resolve(id));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public boolean has(String table, String id) {
      return Files.exists(root.resolve(table).resolve(id));
    }

    /** Ids present in {@code networks}, {@code endpoints} or {@code ports}. */
    public Set<String> ids(String table) {
      Path dir = root.resolve(table);
      if (!Files.isDirectory(dir)) {
        return Set.of();
      }
      try (Stream<Path> files = Files.list(dir)) {
        return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
