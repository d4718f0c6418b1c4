package dev.lanyard.bridge;

import dev.lanyard.ForbiddenException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.NetworkException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.ErrnoException;
import dev.lanyard.netlink.LibC;
import dev.lanyard.netlink.NamespaceThread;
import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.NetlinkException;
import dev.lanyard.netlink.rt.Address;
import dev.lanyard.netlink.rt.Bridge;
import dev.lanyard.netlink.rt.Ipv4DevConf;
import dev.lanyard.netlink.rt.Ipv6AddrGenMode;
import dev.lanyard.netlink.rt.Link;
import dev.lanyard.netlink.rt.LinkAttrs;
import dev.lanyard.netlink.rt.MacAddress;
import dev.lanyard.netlink.rt.Route;
import dev.lanyard.netlink.rt.RtNetlink;
import dev.lanyard.netlink.rt.RtRequest;
import dev.lanyard.netlink.rt.Sysctl;
import dev.lanyard.netlink.rt.Veth;
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
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Docker's bridge driver: a Linux bridge per network, a veth pair per endpoint (the peer made directly in
 * the container's namespace), and Docker's nftables layout in Lanyard's own tables ({@link FirewallPlan}).
 * Host-side objects go into the controller's host namespace only. Thread-safe: network changes and port
 * publishing are serialised; joins and leaves of different sandboxes run in parallel.
 */
final class BridgeDriver implements NetworkDriver, PortPublisher {
  /** Host ends of veth pairs: {@code lv} + the first 12 hex digits of the endpoint id. */
  private static final Pattern HOST_VETH = Pattern.compile("lv[0-9a-f]{12}");
  /**
   * A disconnected pair waiting for deletion: {@code lx} + 12 random hex digits on both ends, so the endpoint
   * (after a container restart) and the container's {@code eth0} can be made again at once.
   */
  private static final Pattern RETIRED_VETH = Pattern.compile("lx[0-9a-f]{12}");
  /** A new bridge's MTU when the network sets none (the kernel's Ethernet default). */
  private static final int DEFAULT_MTU = 1500;
  /** Start of the ifindexes the driver chooses for its veths. */
  private static final int VETH_INDEX_BASE = 0x4000_0000;
  private static final InetAddress IPV6_ANY = IpPrefix.parseAddress("::");

  private final NetNs host;
  private final RtNetlink rt;
  private final Path bridgesDirectory;
  private final Path portsDirectory;
  private final VethReaper reaper;
  private final PortAllocator ports;
  private final HostPortSockets sockets;
  private final Firewall firewall;
  /** Lives in the host namespace; enters each sandbox once to open its rtnetlink socket. */
  private final NamespaceThread opener;

  /**
   * Networks in creation order (the firewall plan follows it). Its own lock, not the driver's: the firewall's
   * watch thread reads it while holding the firewall's lock, and driver methods call the firewall holding theirs.
   */
  private final Map<String, BridgeConfig> networks = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Integer> bridgeIndexes = new ConcurrentHashMap<>();
  private final Map<String, Joined> joined = new ConcurrentHashMap<>();
  private final Map<String, List<FirewallPlan.Published>> published = new ConcurrentHashMap<>();
  private final Map<String, List<FirewallPlan.LinkHole>> linkHoles = new ConcurrentHashMap<>();
  private final Map<Path, Sandbox> sandboxes = new ConcurrentHashMap<>();
  private final Set<String> sysctlsDone = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicLong nextVethIndex = new java.util.concurrent.atomic.AtomicLong(ThreadLocalRandom.current().nextInt(1 << 27));

  /** An endpoint plumbed by this driver (since its start); its gateways are those it may route through (none on internal networks). */
  private record Joined(String endpointId, String networkId, String containerName, Path sandbox, int hostIndex,
      String hostName, int peerIndex, Optional<InetAddress> ipv4, Optional<InetAddress> ipv6,
      Optional<InetAddress> gateway4, Optional<InetAddress> gateway6, String networkName, int gwPriority,
      List<PortMapping> ports) implements DefaultGateways.Candidate {}

  /** A container namespace with its netlink socket and the endpoints in it, in join order. */
  private static final class Sandbox {
    final NetNs ns;
    /**
     * Opened while the host side of the first join is made, by the driver's kept thread that enters the
     * namespace for it: starting a thread per sandbox cost the joining thread ~0.2 ms (Thread.start waits for it).
     */
    final CompletableFuture<RtNetlink> socket;
    final DefaultGateways<Joined> gateways = new DefaultGateways<>();

    Sandbox(NetNs ns, NamespaceThread opener) {
      this.ns = ns;
      this.socket = opener.submitIn(ns, RtNetlink::open);
    }

    RtNetlink rt() {
      try {
        return socket.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }

    void close() {
      socket.thenAccept(RtNetlink::close);
      ns.close();
    }
  }

  BridgeDriver(DriverContext context) {
    this.host = NetNs.open(context.hostNamespace());
    try {
      this.rt = RtNetlink.openIn(host);
      Path state = context.stateDirectory().resolve("drivers").resolve("bridge");
      this.bridgesDirectory = state.resolve("bridges");
      this.portsDirectory = state.resolve("ports");
      Files.createDirectories(bridgesDirectory);
      Files.createDirectories(portsDirectory);
      this.ports = new PortAllocator(Sysctl.read(host, "net.ipv4.ip_local_port_range"));
      this.sockets = new HostPortSockets(host);
      this.reaper = new VethReaper(host);
      this.firewall = new Firewall(host, this::plan);
      this.opener = NamespaceThread.start(host);
    } catch (IOException e) {
      host.close();
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public DriverCapabilities capabilities() {
    return DriverCapabilities.localAddressed();
  }

  // ------------------------------------------------------------------------------------------ networks

  @Override
  public synchronized void createNetwork(NetworkSpec network) {
    reaper.busy();
    BridgeConfig config = BridgeConfig.of(network);
    for (BridgeConfig other : networksInOrder()) {
      conflict(config, other).ifPresent(reason -> {
        throw new ForbiddenException("cannot create network " + config.networkId() + " (" + config.bridgeName()
            + "): conflicts with network " + other.networkId() + " (" + other.bridgeName() + "): " + reason);
      });
    }
    // the usual case, a new bridge, takes one datagram; an existing device is looked at only when there is one
    int made;
    try {
      made = addBridge(config);
    } catch (RuntimeException e) {
      throw failure("cannot create network " + network.name(), e);
    }
    Optional<Link> existing = made != 0 ? Optional.empty() : link(config.bridgeName());
    if (existing.isPresent() && !(existing.get() instanceof Bridge)) {
      throw new InvalidParameterException("cannot create network " + network.name() + ": device "
          + config.bridgeName() + " exists and is not a bridge");
    }
    boolean created = made != 0;
    try {
      int index = created ? made : existing.orElseThrow(() -> new NetworkException(
          "bridge " + config.bridgeName() + " vanished while it was being adopted")).attrs().index();
      bridgeIndexes.put(config.networkId(), index);
      if (created) {
        write(bridgesDirectory.resolve(config.bridgeName()), config.networkId());
      } else {
        RtRequest adopt = rt.request().setUp(index);
        Set<InetAddress> present = new HashSet<>();
        Stream.concat(rt.addresses(LibC.AF_INET).stream(), rt.addresses(LibC.AF_INET6).stream())
            .filter(a -> a.linkIndex() == index).forEach(a -> present.add(a.address()));
        gatewayAddresses(adopt, config, index, present);
        routeLocalnet(adopt, config, index);
        adopt.execute();
      }
      if (!config.ipv6().isEmpty()) {
        // the bridge is a router for its containers: it must not configure itself from their RAs
        Sysctl.write(host, "net/ipv6/conf/" + config.bridgeName() + "/accept_ra", "0");
      }
      hostSysctls(config);
      networks.put(config.networkId(), config);
      firewall.sync();
    } catch (RuntimeException e) {
      networks.remove(config.networkId());
      bridgeIndexes.remove(config.networkId());
      if (created) {
        deleteBridge(config.bridgeName());
      }
      throw failure("cannot create network " + network.name(), e);
    }
  }

  @Override
  public synchronized void deleteNetwork(NetworkSpec network) {
    BridgeConfig config = networks.containsKey(network.id()) ? networks.get(network.id()) : BridgeConfig.of(network);
    networks.remove(network.id());
    bridgeIndexes.remove(network.id());
    try {
      firewall.sync();
      if (Files.exists(bridgesDirectory.resolve(config.bridgeName()))) {
        deleteBridge(config.bridgeName());
      }
    } catch (RuntimeException e) {
      throw failure("cannot delete network " + network.name(), e);
    }
  }

  /**
   * Creates the network's bridge up and reads its index back in one datagram, then sets its MTU and gateway
   * addresses in a second; 0 when a device of that name exists (then nothing was changed). A MAC of its own
   * (as Docker sets) and an MTU set by the user stop the bridge from recomputing either over all its ports
   * at every join. The kernel marks the MTU as the user's only when a set changes it (an MTU given at
   * creation does not count), so the bridge is created one off its MTU (up, never below IPv6's 1280) and then
   * set to it. The index is not chosen: a refused creation would leave the messages behind it to act on
   * whatever device holds that index.
   */
  private int addBridge(BridgeConfig config) {
    int mtu = config.mtu() > 0 ? config.mtu() : DEFAULT_MTU;
    int index;
    try {
      index = rt.request()
          .addLink(new Bridge(LinkAttrs.named(config.bridgeName()).withMtu(mtu < 65_535 ? mtu + 1 : mtu - 1)
              .withMac(randomMac()).withUp(true)))
          .getLink(config.bridgeName())
          .execute().get(0).attrs().index();
    } catch (NetlinkException e) {
      if (e.messageIndex() == 0 && e.errno() == Errno.EEXIST) {
        return 0;
      }
      throw e;
    }
    RtRequest request = rt.request().setMtu(index, mtu);
    gatewayAddresses(request, config, index, Set.of());
    routeLocalnet(request, config, index);
    try {
      request.execute();
    } catch (RuntimeException e) {
      deleteQuietly(index, e);
      throw e;
    }
    return index;
  }

  /** Queues the network's gateway addresses not in {@code present} on the bridge (IPv6 without DAD). */
  private static void gatewayAddresses(RtRequest request, BridgeConfig config, int index, Set<InetAddress> present) {
    for (NetworkSpec.Subnet s : config.ipv4()) {
      s.gateway().filter(g -> !present.contains(g))
          .ifPresent(g -> request.addAddress(Address.of(index, g, s.subnet().length())));
    }
    for (NetworkSpec.Subnet s : config.ipv6()) {
      s.gateway().filter(g -> !present.contains(g))
          .ifPresent(g -> request.addAddress(Address.of(index, g, s.subnet().length()).withNoDad()));
    }
  }

  /**
   * {@code route_localnet} on an IPv4 bridge, as Docker sets it without its proxy: a port published on
   * 127.0.0.1 is DNATed out of the bridge with its loopback source, which the kernel routes only with it
   * (raw-PREROUTING drops such packets arriving from outside: DROP REMOTE LOOPBACK). Sent over rtnetlink in
   * the bridge's datagram, not as a sysctl write (which needs a thread entering the namespace, ~1 ms).
   */
  private static void routeLocalnet(RtRequest request, BridgeConfig config, int index) {
    if (!config.ipv4().isEmpty()) {
      request.setIpv4DevConf(index, Ipv4DevConf.ROUTE_LOCALNET, 1);
    }
  }

  /** Docker's reasons why two bridge networks cannot coexist. */
  private static Optional<String> conflict(BridgeConfig a, BridgeConfig b) {
    if (a.bridgeName().equals(b.bridgeName())) {
      return Optional.of("networks have same bridge name");
    }
    for (NetworkSpec.Subnet x : a.ipv4()) {
      for (NetworkSpec.Subnet y : b.ipv4()) {
        if (x.subnet().overlaps(y.subnet())) {
          return Optional.of("networks have overlapping IPv4");
        }
      }
    }
    for (NetworkSpec.Subnet x : a.ipv6()) {
      for (NetworkSpec.Subnet y : b.ipv6()) {
        if (x.subnet().overlaps(y.subnet())) {
          return Optional.of("networks have overlapping IPv6");
        }
      }
    }
    return Optional.empty();
  }

  /** Forwarding (IPv4 and IPv6 as used) and, with ICC off, bridge-nf-call so bridged packets meet the rules. */
  private void hostSysctls(BridgeConfig config) {
    if (!config.ipv4().isEmpty()) {
      sysctlOnce("net.ipv4.ip_forward");
    }
    if (!config.ipv6().isEmpty()) {
      sysctlOnce("net.ipv6.conf.all.forwarding");
      sysctlOnce("net.ipv6.conf.default.forwarding");
    }
    if (!config.icc()) {
      sysctlOnce("net.bridge.bridge-nf-call-iptables");
      if (!config.ipv6().isEmpty()) {
        sysctlOnce("net.bridge.bridge-nf-call-ip6tables");
      }
    }
  }

  private void sysctlOnce(String key) {
    if (sysctlsDone.add(key) && !Sysctl.read(host, key).trim().equals("1")) {
      Sysctl.write(host, key, "1");
    }
  }

  // ------------------------------------------------------------------------------------------ endpoints

  @Override
  public JoinResult join(NetworkSpec network, EndpointSpec endpoint, SandboxSpec sandboxSpec) {
    BridgeConfig config = config(network);
    firewall.ensure();
    reaper.busy();
    Sandbox sandbox = sandboxes.computeIfAbsent(sandboxSpec.namespace(), path -> new Sandbox(NetNs.open(path), opener));
    String hostName = hostVethName(endpoint.id());
    String inside = config.containerInterface(endpoint.interfaceName());
    int hostIndex = 0;
    try {
      int bridge = bridgeIndex(config);
      LinkAttrs peer = LinkAttrs.named(inside).withMtu(config.mtu());
      if (!endpoint.macAddress().isEmpty()) {
        peer = peer.withMac(MacAddress.parse(endpoint.macAddress()));
      }
      int[] indexes = addVeth(hostName, bridge, config.mtu(), peer, sandbox.ns);
      hostIndex = indexes[0];
      int peerIndex = indexes[1];
      // reported as Docker does (also on internal networks); routed through only from networks with a way out
      Optional<InetAddress> gw4 = config.ipv4().stream()
          .filter(s -> endpoint.ipv4().map(a -> s.subnet().contains(a.address())).orElse(false))
          .findFirst().flatMap(NetworkSpec.Subnet::gateway);
      Optional<InetAddress> gw6 = config.ipv6().stream()
          .filter(s -> endpoint.ipv6().map(a -> s.subnet().contains(a.address())).orElse(false))
          .findFirst().flatMap(NetworkSpec.Subnet::gateway);
      Joined j = new Joined(endpoint.id(), network.id(), sandboxSpec.containerName(), sandboxSpec.namespace(), hostIndex,
          hostName, peerIndex, endpoint.ipv4().map(IpPrefix::address), endpoint.ipv6().map(IpPrefix::address),
          config.internal() ? Optional.empty() : gw4, config.internal() ? Optional.empty() : gw6,
          network.name(), endpoint.gwPriority(), endpoint.ports());
      RtRequest inner = sandbox.rt().request().setUp(peerIndex);
      endpoint.ipv4().ifPresent(a -> inner.addAddress(Address.of(peerIndex, a.address(), a.length())));
      endpoint.ipv6().ifPresent(a -> inner.addAddress(Address.of(peerIndex, a.address(), a.length()).withNoDad()));
      endpoint.linkLocalIps().forEach(a -> inner.addAddress(a.isIpv4()
          ? Address.of(peerIndex, a.address(), a.length()) : Address.of(peerIndex, a.address(), a.length()).withNoDad()));
      synchronized (sandbox) {
        // A sandbox first met by this process may hold a default route from another process's join (e.g. an
        // earlier CLI call): that endpoint joined first and keeps it. Rather than list the routes at every first
        // join, the routes are added as if there were none; the kernel refuses a second default route of a
        // family (EEXIST, while the datagram's other messages still apply), and only then are they listed.
        boolean first = sandbox.gateways.isEmpty();
        DefaultGateways.Plan<Joined> plan = sandbox.gateways.planJoin(j, family -> false);
        int routesFrom = inner.size();
        moveDefaultRoutes(inner, plan, null);
        try {
          inner.execute();
        } catch (NetlinkException e) {
          if (!first || e.errno() != Errno.EEXIST || e.messageIndex() < routesFrom) {
            throw e;
          }
          plan = sandbox.gateways.planJoin(j, family -> hasForeignDefaultRoute(sandbox, family, peerIndex));
        }
        // Last, because the carrier comes with it: the kernel's link watch then recomputes the state of every
        // port of the bridge under the RTNL lock, and the container's messages above no longer wait behind it.
        rt.setUp(hostIndex);
        sandbox.gateways.apply(plan);
      }
      joined.put(endpoint.id(), j);
      Map<String, String> environment = linkEnvironment(config, endpoint, sandboxSpec, j);
      return new JoinResult(gw4, gw6, environment);
    } catch (RuntimeException e) {
      if (hostIndex != 0) {
        deleteQuietly(hostIndex, e);
      }
      throw failure("cannot join " + sandboxSpec.containerName() + " to network " + network.name(), e);
    }
  }

  /**
   * The host side of a join in one datagram, with both ifindexes chosen so nothing has to be read back for
   * them (never equal: the kernel handles the carrier of a veth whose index equals its peer's as non-urgent
   * link-watch work, up to a second late, and the bridge port forwards only after it). The host end is created down and enslaved; the read-back by
   * name makes the kernel apply the new port's pending no-carrier state, so neither the enslaving nor the
   * later up enables the port and recomputes every port of the bridge; the host end gets no IPv6 link-local
   * address (a bridge port's own IP stack sees no traffic), hence no DAD or MLD work. It stays down until the
   * container side is configured. An index already held (EBUSY) is skipped; the messages behind the refused
   * creation then act on its holder, which in this range can only be a Lanyard veth host end (a live one has
   * no IPv6 addresses already; a retired one is out of its bridge, queued for deletion).
   *
   * @return the host end's and the container end's chosen indexes
   */
  private int[] addVeth(String hostName, int bridge, int mtu, LinkAttrs peer, NetNs ns) {
    for (int attempt = 1; ; attempt++) {
      int index = nextIndex();
      int peerIndex = peerIndex(peer.name());
      if (peerIndex == index) {
        index = nextIndex();
      }
      try {
        rt.request()
            .addVeth(new Veth(LinkAttrs.named(hostName).withIndex(index).withMtu(mtu).withMaster(bridge),
                peer.withIndex(peerIndex)), ns)
            .getLink(hostName)
            .setIpv6AddrGenMode(index, Ipv6AddrGenMode.NONE)
            .execute();
        return new int[] {index, peerIndex};
      } catch (NetlinkException e) {
        if (e.messageIndex() != 0) {
          deleteQuietly(index, e); // the pair was made; a later step failed
          throw e;
        }
        if (e.errno() != Errno.EBUSY || attempt == 4) {
          throw e;
        }
      }
    }
  }

  /**
   * The container end's index grows with its interface number (eth0 < eth1 < …), because tools list
   * interfaces in index order and every process (each CLI call is one) must agree on that order; the
   * random low bits keep clear of a renamed end of the same number still waiting for deletion.
   */
  private static int peerIndex(String interfaceName) {
    int digits = interfaceName.length();
    while (digits > 0 && Character.isDigit(interfaceName.charAt(digits - 1))) {
      digits--;
    }
    String number = interfaceName.substring(digits);
    int position = number.isEmpty() || number.length() > 4 ? 0 : Integer.parseInt(number);
    return VETH_INDEX_BASE + ((position & 0xfff) << 16) + ThreadLocalRandom.current().nextInt(1 << 16);
  }

  /** Indexes from a random point of a range the kernel's own allocation (counting up from 1) does not reach. */
  private int nextIndex() {
    return VETH_INDEX_BASE + (int) (nextVethIndex.getAndIncrement() & 0x0fff_ffffL);
  }

  /** A default route of {@code family} in the sandbox's main table through another interface than {@code ours}. */
  private static boolean hasForeignDefaultRoute(Sandbox sandbox, int family, int ours) {
    return sandbox.rt().routes(family).stream().anyMatch(r -> r.prefixLength() == 0
        && r.table() == dev.lanyard.netlink.rt.Rtnetlink.RT_TABLE_MAIN && r.outputIndex() != ours);
  }

  /**
   * Queues the plan's default-route moves, each old route deleted before its successor is added; the routes of
   * {@code goingDown} are left to the kernel, which drops them with its interface.
   */
  private static void moveDefaultRoutes(RtRequest request, DefaultGateways.Plan<Joined> plan, Joined goingDown) {
    for (DefaultGateways.Move<Joined> m : plan.moves()) {
      m.from().filter(from -> from != goingDown).ifPresent(from -> request.deleteRoute(
          Route.defaultVia(from.gateway(m.family()).orElseThrow()).withOutputIndex(from.peerIndex())));
      m.to().ifPresent(to -> request.addRoute(
          Route.defaultVia(to.gateway(m.family()).orElseThrow()).withOutputIndex(to.peerIndex())));
    }
  }

  /**
   * Legacy links: Docker's variables for each linked container on this network, and with ICC off the holes
   * for its ports. The linked container's ports are its published container ports (Lanyard has no EXPOSE).
   */
  private Map<String, String> linkEnvironment(BridgeConfig config, EndpointSpec endpoint, SandboxSpec sandbox, Joined self) {
    if (endpoint.links().isEmpty()) {
      return Map.of();
    }
    Map<String, String> env = new TreeMap<>();
    List<FirewallPlan.LinkHole> holes = new ArrayList<>();
    new TreeMap<>(endpoint.links()).forEach((target, alias) -> {
      Optional<Joined> other = joined.values().stream()
          .filter(o -> o.networkId().equals(config.networkId()) && o.containerName().equals(target)).findFirst();
      String prefix = alias.toUpperCase(Locale.ROOT).replace('-', '_');
      env.put(prefix + "_NAME", "/" + sandbox.containerName() + "/" + alias);
      if (other.isEmpty() || other.get().ipv4().isEmpty()) {
        return;
      }
      String ip = other.get().ipv4().get().getHostAddress();
      List<PortMapping> exposed = other.get().ports().stream().flatMap(p -> p.singles().stream())
          .sorted(Comparator.comparingInt(PortMapping::containerPort).thenComparing(PortMapping::protocol)).toList();
      for (PortMapping p : exposed) {
        String key = prefix + "_PORT_" + p.containerPort() + "_" + p.protocol().toUpperCase(Locale.ROOT);
        env.put(key, p.protocol() + "://" + ip + ":" + p.containerPort());
        env.put(key + "_ADDR", ip);
        env.put(key + "_PORT", Integer.toString(p.containerPort()));
        env.put(key + "_PROTO", p.protocol());
        self.ipv4().ifPresent(from -> holes.add(new FirewallPlan.LinkHole(config.networkId(), from,
            other.get().ipv4().get(), p.protocol(), p.containerPort())));
      }
      if (!exposed.isEmpty()) {
        env.put(prefix + "_PORT", exposed.get(0).protocol() + "://" + ip + ":" + exposed.get(0).containerPort());
      }
    });
    if (!holes.isEmpty() && !config.icc()) {
      synchronized (this) {
        linkHoles.put(endpoint.id(), holes);
        firewall.sync();
      }
    }
    return env;
  }

  @Override
  public void leave(NetworkSpec network, EndpointSpec endpoint, SandboxSpec sandboxSpec) {
    Joined j = joined.remove(endpoint.id());
    if (linkHoles.remove(endpoint.id()) != null) {
      synchronized (this) {
        firewall.sync();
      }
    }
    try {
      // a pair this driver made is known by index (only the reaper deletes it, after this); else look it up
      OptionalInt known = j != null ? OptionalInt.of(j.hostIndex())
          : link(hostVethName(endpoint.id())).map(l -> OptionalInt.of(l.attrs().index())).orElse(OptionalInt.empty());
      if (known.isEmpty()) {
        return;
      }
      int index = known.getAsInt();
      String retired = String.format("lx%012x", ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL);
      // Out of the bridge cuts it off at once; the slow deletion of the pair happens behind. Not taken down:
      // closing a link waits for an RCU grace period and makes the bridge recompute every port's state, and the
      // container end going down below takes the carrier away anyway.
      rt.request().setNoMaster(index).setName(index, retired).setGroup(index, VethReaper.RETIRED_GROUP).execute();
      Sandbox sandbox = sandboxes.get(sandboxSpec.namespace());
      if (sandbox != null && j != null) {
        leaveSandbox(sandbox, j, retired);
      }
      reaper.retired();
    } catch (ErrnoException e) {
      if (e.errno() != Errno.ENODEV) {
        throw failure("cannot disconnect " + sandboxSpec.containerName() + " from network " + network.name(), e);
      }
    }
  }

  /**
   * Inside the container: the old interface goes down and gets the pair's retired name (so a reconnect can
   * use eth0 again before the pair is deleted); for each family it gave the default route of, the next endpoint
   * in Docker's order takes over.
   */
  private void leaveSandbox(Sandbox sandbox, Joined j, String retired) {
    synchronized (sandbox) {
      DefaultGateways.Plan<Joined> plan = sandbox.gateways.planLeave(j);
      sandbox.gateways.apply(plan);
      RtRequest inner = sandbox.rt().request().setDown(j.peerIndex()).setName(j.peerIndex(), retired);
      moveDefaultRoutes(inner, plan, j);
      try {
        inner.execute();
      } catch (ErrnoException e) {
        // the container may be gone already; its side goes with the pair anyway
        if (e.errno() != Errno.ENODEV && e.errno() != Errno.EEXIST) {
          throw e;
        }
      }
      if (sandbox.gateways.isEmpty()) {
        sandboxes.remove(j.sandbox());
        sandbox.close();
      }
    }
  }

  // ------------------------------------------------------------------------------------------ ports

  /**
   * Docker's port mapping without the userland proxy: for each mapping, a binding per address family the
   * container has (no host address: {@code host_binding_ipv4}, and {@code ::} as well when that is
   * {@code 0.0.0.0}; an explicit address: its family only), one host port (or range) common to them, held by
   * sockets bound in the host namespace, and the DNAT rules. A failure publishes nothing.
   */
  @Override
  public synchronized List<PortMapping> publish(NetworkSpec network, EndpointSpec endpoint) {
    BridgeConfig config = config(network);
    Optional<InetAddress> container4 = endpoint.ipv4().map(IpPrefix::address);
    Optional<InetAddress> container6 = endpoint.ipv6().map(IpPrefix::address);
    List<PortMapping> bound = new ArrayList<>();
    List<FirewallPlan.Published> rules = new ArrayList<>();
    try {
      for (PortMapping p : endpoint.ports()) {
        Map<InetAddress, InetAddress> bindings = bindings(config, p, container4, container6);
        List<InetAddress> hostIps = List.copyOf(bindings.keySet());
        int hostPort = allocateAndHold(endpoint, p, hostIps);
        bindings.forEach((hostIp, containerIp) -> {
          bound.add(new PortMapping(p.containerPort(), p.containerPortEnd(), p.protocol(), text(hostIp), hostPort,
              hostPort + p.count() - 1));
          rules.add(new FirewallPlan.Published(network.id(), containerIp, p.protocol(), p.containerPort(), hostIp,
              hostPort, p.count()));
        });
      }
      published.put(endpoint.id(), rules);
      firewall.sync();
      Joined j = joined.get(endpoint.id());
      if (j != null) {
        // a container reaching its own published port comes back through its own bridge port
        rt.setHairpin(j.hostIndex(), true);
      }
      write(portsDirectory.resolve(endpoint.id()), serialise(rules));
      return bound;
    } catch (RuntimeException e) {
      releaseHostPorts(bound);
      try {
        if (published.remove(endpoint.id()) != null) {
          firewall.sync();
        }
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw failure("cannot publish ports of " + endpoint.id(), e);
    }
  }

  /** Host address → container address of each binding of one mapping, in Docker's order (IPv4 first). */
  private static Map<InetAddress, InetAddress> bindings(BridgeConfig config, PortMapping p, Optional<InetAddress> container4,
      Optional<InetAddress> container6) {
    Map<InetAddress, InetAddress> out = new LinkedHashMap<>();
    if (p.hostIp().isEmpty()) {
      InetAddress def = config.hostBinding();
      if (def instanceof Inet4Address) {
        container4.ifPresent(c -> out.put(def, c));
        if (def.isAnyLocalAddress()) {
          container6.ifPresent(c -> out.put(IPV6_ANY, c));
        }
      } else {
        container6.ifPresent(c -> out.put(def, c));
      }
    } else {
      InetAddress hostIp = IpPrefix.parseAddress(p.hostIp());
      (hostIp instanceof Inet4Address ? container4 : container6).ifPresent(c -> out.put(hostIp, c));
    }
    if (out.isEmpty()) {
      String on = p.hostIp().isEmpty() ? config.hostBinding().getHostAddress() : p.hostIp();
      throw new InvalidParameterException("cannot publish " + p.key() + " on " + on
          + ": the endpoint has no address of that family");
    }
    return out;
  }

  /**
   * Takes the mapping's host port(s) in the allocator and holds them with sockets on every address. A port
   * some other process holds is skipped when the driver chose it (up to 10 tries, as Docker) and refused with
   * Docker's error when the user did.
   */
  private int allocateAndHold(EndpointSpec endpoint, PortMapping p, List<InetAddress> hostIps) {
    boolean chosen = p.hostPort() == 0 || (p.count() == 1 && p.hostPortEnd() > p.hostPort());
    List<Integer> takenByOthers = new ArrayList<>();
    try {
      for (int attempt = 1; ; attempt++) {
        int port = ports.allocate(p.protocol(), hostIps, p.hostPort(), p.hostPortEnd(), p.count());
        try {
          holdSockets(p.protocol(), hostIps, port, p.count());
          return port;
        } catch (HostPortSockets.BindException e) {
          if (e.errno() != Errno.EADDRINUSE || !chosen || attempt == 10) {
            ports.release(p.protocol(), hostIps, port, p.count());
            throw bindFailure(endpoint, e);
          }
          takenByOthers.add(port); // stays taken in the allocator until the search ends, so it moves on
        }
      }
    } finally {
      takenByOthers.forEach(port -> ports.release(p.protocol(), hostIps, port, p.count()));
    }
  }

  /** Holds the ports with sockets; SCTP only where the kernel has SCTP sockets (nf_tables matches it anyway). */
  private void holdSockets(String protocol, List<InetAddress> ips, int port, int count) {
    try {
      sockets.hold(protocol, ips, port, count);
    } catch (HostPortSockets.BindException e) {
      if (!(protocol.equals("sctp") && e.errno() == Errno.EPROTONOSUPPORT)) {
        throw e;
      }
    }
  }

  /** Docker's error for a host port it could not bind. */
  private NetworkException bindFailure(EndpointSpec endpoint, HostPortSockets.BindException e) {
    Joined j = joined.get(endpoint.id());
    String name = j != null ? j.containerName() : endpoint.id();
    String what = e.binding().toString();
    String reason = e.errno().description().substring(0, 1).toLowerCase(Locale.ROOT) + e.errno().description().substring(1);
    return new NetworkException("driver failed programming external connectivity on endpoint " + name + " ("
        + endpoint.id() + "): failed to bind host port " + what + ": " + reason, e);
  }

  /** Lets go of bound mappings' host ports: sockets closed, allocator entries released. */
  private void releaseHostPorts(List<PortMapping> bound) {
    for (PortMapping b : bound) {
      InetAddress ip = IpPrefix.parseAddress(b.hostIp());
      sockets.release(b.protocol(), ip, b.hostPort(), b.count());
      ports.release(b.protocol(), List.of(ip), b.hostPort(), b.count());
    }
  }

  @Override
  public synchronized void unpublish(NetworkSpec network, EndpointSpec endpoint, List<PortMapping> bound) {
    releaseHostPorts(bound);
    published.remove(endpoint.id());
    delete(portsDirectory.resolve(endpoint.id()));
    firewall.sync();
  }

  // ------------------------------------------------------------------------------------------ open, close

  @Override
  public synchronized void removeLeaked(Collection<NetworkSpec> known, Collection<EndpointSpec> endpoints) {
    List<RuntimeException> errors = new ArrayList<>();
    Set<String> bridgeNames = new HashSet<>();
    for (NetworkSpec n : known) {
      try {
        BridgeConfig config = BridgeConfig.of(n);
        networks.putIfAbsent(n.id(), config);
        bridgeNames.add(config.bridgeName());
      } catch (RuntimeException e) {
        errors.add(e);
      }
    }
    Set<String> vethNames = new HashSet<>();
    Map<String, EndpointSpec> byId = new HashMap<>();
    for (EndpointSpec e : endpoints) {
      vethNames.add(hostVethName(e.id()));
      byId.put(e.id(), e);
    }
    // leaked pairs join the retired ones in their group, and the group goes in one kernel batch
    RtRequest retire = rt.request();
    for (Link l : rt.links()) {
      if ((HOST_VETH.matcher(l.name()).matches() && !vethNames.contains(l.name()))
          || RETIRED_VETH.matcher(l.name()).matches()) {
        retire.setGroup(l.attrs().index(), VethReaper.RETIRED_GROUP);
      }
    }
    try {
      if (retire.size() > 0) {
        retire.execute();
      }
    } catch (ErrnoException e) {
      if (e.errno() != Errno.ENODEV) { // one went meanwhile; the others are in the group
        errors.add(e);
      }
    }
    VethReaper.deleteRetired(rt, retire.size());
    for (String recorded : list(bridgesDirectory)) {
      if (!bridgeNames.contains(recorded)) {
        try {
          deleteBridge(recorded);
        } catch (RuntimeException e) {
          errors.add(e);
        }
      }
    }
    for (String endpointId : list(portsDirectory)) {
      EndpointSpec e = byId.get(endpointId);
      if (e == null || !networks.containsKey(e.networkId())) {
        delete(portsDirectory.resolve(endpointId));
        continue;
      }
      List<FirewallPlan.Published> rules = deserialise(read(portsDirectory.resolve(endpointId)));
      for (FirewallPlan.Published p : rules) {
        // the ports were ours before the restart: take them again, in the allocator and with sockets
        ports.allocate(p.protocol(), List.of(p.hostIp()), p.hostPort(), p.hostPort(), p.count());
        try {
          holdSockets(p.protocol(), List.of(p.hostIp()), p.hostPort(), p.count());
        } catch (RuntimeException held) {
          errors.add(held);
        }
      }
      published.put(endpointId, rules);
    }
    try {
      firewall.sync();
    } catch (RuntimeException e) {
      errors.add(e);
    }
    if (!errors.isEmpty()) {
      NetworkException e = new NetworkException("bridge driver: cannot remove every leaked object: " + errors.get(0).getMessage());
      errors.forEach(e::addSuppressed);
      throw e;
    }
  }

  @Override
  public void close() {
    reaper.close();
    firewall.close();
    sockets.close();
    sandboxes.values().forEach(Sandbox::close);
    opener.close();
    rt.close();
    host.close();
  }

  // ------------------------------------------------------------------------------------------ helpers

  /** Takes no driver lock (see {@link #networks}). */
  private List<FirewallPlan.TablePlan> plan() {
    List<FirewallPlan.Published> ports = published.values().stream().flatMap(List::stream).toList();
    List<FirewallPlan.LinkHole> holes = linkHoles.values().stream().flatMap(List::stream).toList();
    return FirewallPlan.plan(networksInOrder(), ports, holes);
  }

  private List<BridgeConfig> networksInOrder() {
    synchronized (networks) {
      return List.copyOf(networks.values());
    }
  }

  private BridgeConfig config(NetworkSpec network) {
    BridgeConfig c = networks.get(network.id());
    return c != null ? c : BridgeConfig.of(network);
  }

  private int bridgeIndex(BridgeConfig config) {
    Integer index = bridgeIndexes.get(config.networkId());
    if (index != null) {
      return index;
    }
    int found = link(config.bridgeName()).orElseThrow(() -> new NetworkException(
        "bridge " + config.bridgeName() + " of network " + config.networkName() + " is missing")).attrs().index();
    bridgeIndexes.put(config.networkId(), found);
    return found;
  }

  /** A random unicast, locally administered MAC address. */
  private static MacAddress randomMac() {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] = (byte) ((b[0] & 0xfe) | 0x02);
    return MacAddress.of(b);
  }

  /** Docker's text of an address: {@code 0.0.0.0}, {@code ::}, {@code fd00::1}. */
  private static String text(InetAddress address) {
    String prefix = IpPrefix.of(address, address instanceof Inet4Address ? 32 : 128).toString();
    return prefix.substring(0, prefix.indexOf('/'));
  }

  static String hostVethName(String endpointId) {
    return "lv" + endpointId.substring(0, 12);
  }

  private Optional<Link> link(String name) {
    try {
      return Optional.of(rt.link(name));
    } catch (ErrnoException e) {
      if (e.errno() == Errno.ENODEV) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void deleteBridge(String name) {
    link(name).ifPresent(l -> {
      try {
        rt.delete(l.attrs().index());
      } catch (ErrnoException e) {
        if (e.errno() != Errno.ENODEV) {
          throw e;
        }
      }
    });
    delete(bridgesDirectory.resolve(name));
  }

  private void deleteQuietly(int index, RuntimeException into) {
    try {
      rt.delete(index);
    } catch (RuntimeException cleanup) {
      into.addSuppressed(cleanup);
    }
  }

  private static NetworkException failure(String what, RuntimeException e) {
    if (e instanceof NetworkException n) {
      return n;
    }
    return new NetworkException(what + ": " + e.getMessage(), e);
  }

  private static String serialise(List<FirewallPlan.Published> rules) {
    StringBuilder b = new StringBuilder();
    for (FirewallPlan.Published p : rules) {
      b.append(p.networkId()).append(' ').append(p.containerIp().getHostAddress()).append(' ').append(p.protocol())
          .append(' ').append(p.containerPort()).append(' ').append(p.hostIp().getHostAddress()).append(' ')
          .append(p.hostPort()).append(' ').append(p.count()).append('\n');
    }
    return b.toString();
  }

  private static List<FirewallPlan.Published> deserialise(String text) {
    List<FirewallPlan.Published> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ");
      out.add(new FirewallPlan.Published(f[0], IpPrefix.parseAddress(f[1]), f[2], Integer.parseInt(f[3]),
          IpPrefix.parseAddress(f[4]), Integer.parseInt(f[5]), f.length > 6 ? Integer.parseInt(f[6]) : 1));
    }
    return out;
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> list(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
