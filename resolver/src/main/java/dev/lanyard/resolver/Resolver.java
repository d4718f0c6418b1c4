package dev.lanyard.resolver;

import dev.lanyard.net.HostResolvConf;
import dev.lanyard.netlink.NetNs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Docker's embedded DNS server, in-process: answers at 127.0.0.11:53 (UDP and TCP) inside the network
 * namespace of every container that is on at least one user-defined network, from the names of the
 * networks that container is on, and forwards everything else to the host's upstream servers.
 *
 * <pre>{@code
 * try (Resolver resolver = Resolver.builder()
 *     .hostResolvConf(HostResolvConf.read(Path.of("/etc/resolv.conf")))
 *     .start()) {
 *   resolver.update(new DnsModel(List.of(
 *       new DnsContainer(id, "web", "web", Path.of("/run/netns/web"),
 *           List.of(DnsEndpoint.ipv4("appnet", netId, (Inet4Address) InetAddress.getByName("172.20.0.2")))))));
 *   // inside /run/netns/web: dig @127.0.0.11 web  ->  172.20.0.2
 * }
 * }</pre>
 *
 * <p>Threads and namespaces: {@link #update} is thread-safe (calls are serialised) and returns once
 * every new container's sockets are open and the new names are served. The sockets of a container are
 * created by a short-lived thread that enters its namespace ({@link NetNs#call}); nothing listens in
 * the host namespace. Serving uses long-lived threads started from the caller's namespace:
 * {@code lanyard-dns-udp} (every container's UDP listener, batched {@code recvmmsg}/{@code sendmmsg}),
 * {@code lanyard-dns-forward}, {@code lanyard-dns-tcp-accept} and up to 8 {@code lanyard-dns-tcp-N}.
 * The container's loopback must be up.
 */
public final class Resolver implements AutoCloseable {
  private final AtomicReference<NameTable> table = new AtomicReference<>(NameTable.EMPTY);
  private final Map<String, ContainerServer> servers = new HashMap<>();
  private final NetNs hostNs;
  private final Forwarder forwarder;
  private final UdpLoop udp;
  private final TcpServer tcp;
  private boolean closed;

  private Resolver(List<InetAddress> upstreams, Path hostNamespace, int udpBatch) {
    hostNs = hostNamespace == null ? null : NetNs.open(hostNamespace);
    try {
      DatagramChannel host = hostNs == null ? DatagramChannel.open() : hostNs.call(DatagramChannel::open);
      forwarder = new Forwarder(upstreams, host);
    } catch (IOException e) {
      closeHostNs();
      throw new UncheckedIOException("open the forwarder's host socket", e);
    }
    try {
      udp = new UdpLoop(table::get, forwarder, udpBatch);
    } catch (RuntimeException e) {
      forwarder.close();
      closeHostNs();
      throw e;
    }
    tcp = new TcpServer(table::get, forwarder, hostNs);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Serves {@code model} from now on: opens servers for containers that newly need one, swaps in the
   * new names at once, and closes the servers of containers that left. If a server cannot be opened,
   * the ones this call opened are closed, the previous model stays served, and the error is thrown.
   */
  public void update(DnsModel model) {
    update(model, Set.of());
  }

  /**
   * Like {@link #update(DnsModel)}, but the containers whose ids are in {@code withoutServer} get no
   * server of their own (a running one is closed); their names still resolve for the others. For a
   * caller that found a container's server cannot be opened yet and still wants its names served.
   */
  public synchronized void update(DnsModel model, Set<String> withoutServer) {
    if (closed) {
      throw new IllegalStateException("the resolver is closed");
    }
    NameTable next = NameTable.compile(model);
    Map<String, DnsContainer> wanted = new HashMap<>();
    for (DnsContainer c : model.containers()) {
      if (c.hasEmbeddedDns() && !withoutServer.contains(c.id())) {
        wanted.put(c.id(), c);
      }
    }
    List<ContainerServer> opened = new ArrayList<>();
    try {
      for (DnsContainer c : wanted.values()) {
        ContainerServer current = servers.get(c.id());
        if (current == null || !current.netnsPath.equals(c.netns())) {
          if (current != null) {
            stop(servers.remove(c.id()));
          }
          ContainerServer s = ContainerServer.open(c);
          opened.add(s);
          udp.add(s).join();
          tcp.add(s);
        }
      }
    } catch (RuntimeException e) {
      opened.forEach(this::stop);
      throw unwrap(e);
    }
    opened.forEach(s -> servers.put(s.containerId, s));
    table.set(next);
    for (String id : Set.copyOf(servers.keySet())) {
      if (!wanted.containsKey(id)) {
        stop(servers.remove(id));
      }
    }
  }

  /** The model being served. */
  public DnsModel model() {
    return table.get().model();
  }

  /** Ids of the containers with a running server. */
  public synchronized Set<String> servedContainers() {
    return Set.copyOf(servers.keySet());
  }

  private void stop(ContainerServer server) {
    udp.remove(server).join();
    tcp.remove(server).join();
    forwarder.remove(server).join();
    server.close();
  }

  private static RuntimeException unwrap(RuntimeException e) {
    return e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
  }

  /** Stops serving every container and ends the threads. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    servers.values().forEach(this::stop);
    servers.clear();
    udp.close();
    tcp.close();
    forwarder.close();
    closeHostNs();
  }

  private void closeHostNs() {
    if (hostNs != null) {
      hostNs.close();
    }
  }

  /** Configures a {@link Resolver}; {@link #start} opens it. */
  public static final class Builder {
    private List<InetAddress> upstreams = List.of();
    private Path hostNamespace;
    private int udpBatch = UdpLoop.BATCH;

    private Builder() {}

    /** The upstream servers: the first three name servers of the host's resolv.conf. */
    public Builder hostResolvConf(HostResolvConf host) {
      upstreams = host.upstreams();
      return this;
    }

    /** The namespace loopback upstreams are dialled from (default: the caller's). */
    public Builder hostNamespace(Path netns) {
      if (netns == null) {
        throw new IllegalArgumentException("host namespace path is null");
      }
      hostNamespace = netns;
      return this;
    }

    /** Datagrams per recvmmsg/sendmmsg (default 64); the benchmark sets 1 to measure what batching gains. */
    Builder udpBatch(int datagrams) {
      if (datagrams < 1 || datagrams > UdpLoop.BATCH) {
        throw new IllegalArgumentException("UDP batch must be 1 to " + UdpLoop.BATCH + ": " + datagrams);
      }
      udpBatch = datagrams;
      return this;
    }

    public Resolver start() {
      return new Resolver(upstreams, hostNamespace, udpBatch);
    }
  }
}
