package dev.lanyard.bridge;

import dev.lanyard.net.IpPrefix;
import dev.lanyard.netlink.nft.Action;
import dev.lanyard.netlink.nft.BaseChain;
import dev.lanyard.netlink.nft.Bytes;
import dev.lanyard.netlink.nft.Chain;
import dev.lanyard.netlink.nft.ChainType;
import dev.lanyard.netlink.nft.Cmp;
import dev.lanyard.netlink.nft.CmpOp;
import dev.lanyard.netlink.nft.CtState;
import dev.lanyard.netlink.nft.DataType;
import dev.lanyard.netlink.nft.Expr;
import dev.lanyard.netlink.nft.Family;
import dev.lanyard.netlink.nft.Hook;
import dev.lanyard.netlink.nft.Immediate;
import dev.lanyard.netlink.nft.Lookup;
import dev.lanyard.netlink.nft.Match;
import dev.lanyard.netlink.nft.Nat;
import dev.lanyard.netlink.nft.NatType;
import dev.lanyard.netlink.nft.NfTables;
import dev.lanyard.netlink.nft.NftSet;
import dev.lanyard.netlink.nft.Payload;
import dev.lanyard.netlink.nft.PayloadBase;
import dev.lanyard.netlink.nft.Rule;
import dev.lanyard.netlink.nft.SetElement;
import dev.lanyard.netlink.nft.Table;
import dev.lanyard.netlink.nft.UnknownExpr;
import dev.lanyard.netlink.nft.Verdict;
import dev.lanyard.spi.NetworkSpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of Lanyard's bridge tables as a value, computed from the networks, published ports and legacy
 * links: Docker's nftables layout (moby's {@code docker-bridges} tables with {@code --userland-proxy=false},
 * since Lanyard runs no proxy) under the table name {@value #TABLE}. No I/O; {@link Firewall} applies it.
 */
final class FirewallPlan {
  static final String TABLE = "lanyard-bridges";
  /** The chain users put their own forward rules in; created once, never flushed or rewritten by Lanyard. */
  static final String USER_CHAIN = "filter-forward-user";

  static final String FORWARD_IN_JUMPS = "filter-forward-in-jumps";
  static final String FORWARD_OUT_JUMPS = "filter-forward-out-jumps";
  static final String POSTROUTING_IN_JUMPS = "nat-postrouting-in-jumps";
  static final String POSTROUTING_OUT_JUMPS = "nat-postrouting-out-jumps";
  static final String DNAT_CHAIN = "nat-prerouting-and-output";

  // nft's named priorities (nftables' "filter", "dstnat", "srcnat", "raw")
  private static final int FILTER = 0;
  private static final int DSTNAT = -100;
  private static final int SRCNAT = 100;
  private static final int RAW = -300;

  // linux/netfilter/nf_tables.h: enum nft_fib_attributes, nft_fib_result, nft_fib_flags
  private static final int NFTA_FIB_DREG = 1;
  private static final int NFTA_FIB_RESULT = 2;
  private static final int NFTA_FIB_FLAGS = 3;
  private static final int NFT_FIB_RESULT_ADDRTYPE = 3;
  private static final int NFTA_FIB_F_SADDR = 1;
  private static final int NFTA_FIB_F_DADDR = 1 << 1;
  /** linux/rtnetlink.h RTN_LOCAL: the address type of an address of this host. */
  private static final int RTN_LOCAL = 2;
  private static final IpPrefix LINK_LOCAL_V6 = IpPrefix.parse("fe80::/10");
  /** Offset of the destination port in TCP, UDP and SCTP headers. */
  private static final int TRANSPORT_DPORT = 2;

  /**
   * A published port or range as bound, in one address family: {@code count} consecutive container ports from
   * {@code containerPort} reached through as many host ports from {@code hostPort} on {@code hostIp}.
   */
  record Published(String networkId, InetAddress containerIp, String protocol, int containerPort, InetAddress hostIp,
      int hostPort, int count) {
    boolean sameNumbers() {
      return hostPort == containerPort;
    }
  }

  /** A legacy link's hole through ICC off: {@code from} may open {@code port/protocol} on {@code to}. */
  record LinkHole(String networkId, InetAddress from, InetAddress to, String protocol, int port) {}

  /** One table's wanted content: chains in order, maps with their elements, rules in order. */
  record TablePlan(Table table, List<Chain> chains, Map<NftSet, List<SetElement>> maps, List<Rule> rules) {}

  private FirewallPlan() {}

  static Table table(Family family) {
    return Table.of(family, TABLE);
  }

  static Chain userChain(Family family) {
    return Chain.regular(family, TABLE, USER_CHAIN);
  }

  /** Both tables: {@code ip} for IPv4, {@code ip6} for the networks with IPv6. */
  static List<TablePlan> plan(List<BridgeConfig> networks, List<Published> ports, List<LinkHole> links) {
    return List.of(plan(Family.IP, networks, ports, links), plan(Family.IP6, networks, ports, links));
  }

  static TablePlan plan(Family family, List<BridgeConfig> networks, List<Published> ports, List<LinkHole> links) {
    boolean v4 = family == Family.IP;
    List<Chain> chains = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    Map<NftSet, List<SetElement>> maps = new LinkedHashMap<>();
    NftSet forwardIn = jumpMap(family, FORWARD_IN_JUMPS);
    NftSet forwardOut = jumpMap(family, FORWARD_OUT_JUMPS);
    NftSet postIn = jumpMap(family, POSTROUTING_IN_JUMPS);
    NftSet postOut = jumpMap(family, POSTROUTING_OUT_JUMPS);
    for (NftSet m : List.of(forwardIn, forwardOut, postIn, postOut)) {
      maps.put(m, new ArrayList<>());
    }

    Chain forward = base(family, "filter-FORWARD", ChainType.FILTER, Hook.FORWARD, FILTER);
    Chain natOutput = base(family, "nat-OUTPUT", ChainType.NAT, Hook.OUTPUT, DSTNAT);
    Chain natPostrouting = base(family, "nat-POSTROUTING", ChainType.NAT, Hook.POSTROUTING, SRCNAT);
    Chain natPrerouting = base(family, "nat-PREROUTING", ChainType.NAT, Hook.PREROUTING, DSTNAT);
    Chain dnat = Chain.regular(family, TABLE, DNAT_CHAIN);
    Chain rawPrerouting = base(family, "raw-PREROUTING", ChainType.FILTER, Hook.PREROUTING, RAW);
    chains.addAll(List.of(forward, userChain(family), natOutput, natPostrouting, natPrerouting, dnat, rawPrerouting));

    rules.add(rule(forward).add(Action.jump(USER_CHAIN)).build());
    rules.add(rule(forward).add(Match.oifnameVmap(FORWARD_IN_JUMPS)).build());
    rules.add(rule(forward).add(Match.iifnameVmap(FORWARD_OUT_JUMPS)).build());
    rules.add(rule(natOutput).add(fibLocal(NFTA_FIB_F_DADDR)).add(Action.counter(), Action.jump(DNAT_CHAIN)).build());
    rules.add(rule(natPostrouting).add(Match.iifnameVmap(POSTROUTING_OUT_JUMPS)).build());
    rules.add(rule(natPostrouting).add(Match.oifnameVmap(POSTROUTING_IN_JUMPS)).build());
    rules.add(rule(natPrerouting).add(fibLocal(NFTA_FIB_F_DADDR)).add(Action.counter(), Action.jump(DNAT_CHAIN)).build());

    List<Rule> dnatRules = new ArrayList<>();
    List<Rule> rawRules = new ArrayList<>();
    // after every DROP DIRECT ACCESS, as in Docker's raw-PREROUTING
    List<Rule> loopbackRules = new ArrayList<>();
    for (BridgeConfig n : networks) {
      List<NetworkSpec.Subnet> subnets = v4 ? n.ipv4() : n.ipv6();
      if (subnets.isEmpty()) {
        continue;
      }
      String br = n.bridgeName();
      Chain in = Chain.regular(family, TABLE, "filter-forward-in__" + br);
      Chain out = Chain.regular(family, TABLE, "filter-forward-out__" + br);
      Chain pin = Chain.regular(family, TABLE, "nat-postrouting-in__" + br);
      Chain pout = Chain.regular(family, TABLE, "nat-postrouting-out__" + br);
      chains.addAll(List.of(in, out, pin, pout));
      maps.get(forwardIn).add(jump(br, in));
      maps.get(forwardOut).add(jump(br, out));
      maps.get(postIn).add(jump(br, pin));
      maps.get(postOut).add(jump(br, pout));

      List<Published> mine = ports.stream()
          .filter(p -> p.networkId().equals(n.networkId()) && (p.containerIp() instanceof Inet4Address) == v4).toList();

      rules.add(rule(in).add(Match.ctState(CtState.ESTABLISHED, CtState.RELATED)).add(Action.counter(), Action.accept()).build());
      if (n.internal()) {
        rules.add(rule(in).add(Match.iifnameNot(br)).add(Action.counter(), Action.drop())
            .comment("INTERNAL NETWORK INGRESS").build());
      }
      for (LinkHole h : links) {
        if (h.networkId().equals(n.networkId()) && (h.to() instanceof Inet4Address) == v4 && !n.icc()) {
          rules.add(rule(in).add(Match.iifname(br)).add(Match.ipSaddr(h.from(), bits(h.from())))
              .add(Match.ipDaddr(h.to(), bits(h.to()))).add(Match.dport(protocol(h.protocol()), h.port()))
              .add(Action.counter(), Action.accept()).comment("LINK").build());
        }
      }
      Rule.Builder icc = rule(in);
      if (!n.internal()) {
        icc.add(Match.iifname(br));
      }
      rules.add(icc.add(Action.counter(), n.icc() ? Action.accept() : Action.drop()).comment("ICC").build());
      if (!n.internal()) {
        Set<Rule> open = new LinkedHashSet<>();
        for (Published p : mine) {
          open.add(rule(in).add(Match.ipDaddr(p.containerIp(), bits(p.containerIp())))
              .add(dports(p.protocol(), p.containerPort(), p.count())).add(Action.counter(), Action.accept()).build());
        }
        rules.addAll(open);
        rules.add(rule(in).add(Action.counter(), Action.drop()).comment("UNPUBLISHED PORT DROP").build());
      }

      rules.add(rule(out).add(Match.ctState(CtState.ESTABLISHED, CtState.RELATED)).add(Action.counter(), Action.accept()).build());
      if (n.internal()) {
        rules.add(rule(out).add(Match.oifnameNot(br)).add(Action.counter(), Action.drop())
            .comment("INTERNAL NETWORK EGRESS").build());
      } else {
        rules.add(rule(out).add(Action.counter(), Action.accept()).comment("OUTGOING").build());
      }

      if (n.natsOutgoing()) {
        rules.add(rule(pin).add(fibLocal(NFTA_FIB_F_SADDR)).add(Action.counter(), Action.masquerade())
            .comment("MASQUERADE FROM HOST").build());
      }
      Set<InetAddress> guarded = new LinkedHashSet<>();
      Set<Rule> ownPort = new LinkedHashSet<>();
      for (Published p : mine) {
        ownPort.add(rule(pin).add(Match.ipSaddr(p.containerIp(), bits(p.containerIp())))
            .add(Match.ipDaddr(p.containerIp(), bits(p.containerIp())))
            .add(dports(p.protocol(), p.containerPort(), p.count()))
            .add(Action.counter(), Action.masquerade()).comment("MASQ TO OWN PORT").build());
        dnatRules.add(dnat(dnat, p, maps));
        if (guarded.add(p.containerIp())) {
          rawRules.add(rule(rawPrerouting).add(Match.ipDaddr(p.containerIp(), bits(p.containerIp())))
              .add(Match.iifnameNot(br)).add(Action.counter(), Action.drop()).comment("DROP DIRECT ACCESS").build());
        }
        if (v4 && p.hostIp().isLoopbackAddress()) {
          loopbackRules.add(rule(rawPrerouting).add(Match.iifnameNot("lo")).add(Match.ipDaddr(p.hostIp(), 32))
              .add(dports(p.protocol(), p.hostPort(), p.count())).add(Action.counter(), Action.drop())
              .comment("DROP REMOTE LOOPBACK").build());
        }
      }
      rules.addAll(ownPort);
      if (n.natsOutgoing()) {
        for (NetworkSpec.Subnet s : subnets) {
          IpPrefix subnet = s.subnet();
          Rule.Builder r = rule(pout).add(Match.oifnameNot(br)).add(Match.ipSaddr(subnet.address(), subnet.length()))
              .add(Action.counter());
          if (v4 && n.snatSource().isPresent()) {
            rules.add(r.add(Action.snat(n.snatSource().get())).comment("SNAT").build());
          } else {
            rules.add(r.add(Action.masquerade()).comment("MASQUERADE").build());
          }
        }
      }
    }
    rules.addAll(dnatRules);
    rules.addAll(rawRules);
    rules.addAll(loopbackRules);
    return new TablePlan(table(family), chains, maps, rules);
  }

  /**
   * The DNAT of one binding, Docker's rule ({@code [ip6 saddr != fe80::/10] [daddr HOST] dport P dnat to C:P'}),
   * one rule for a range too. When host and container ports are the same numbers the NAT takes the range
   * ({@code dnat to C:8000-8010}: the kernel keeps a destination port that lies inside it); a range moved to
   * other numbers maps each port through a map of its own ({@code dnat to C : tcp dport map @dnat-ports__…}),
   * since nf_tables' NAT has no port offset. (Docker writes a rule per port in every case.)
   */
  private static Rule dnat(Chain chain, Published p, Map<NftSet, List<SetElement>> maps) {
    boolean v6 = !(p.containerIp() instanceof Inet4Address);
    Family family = v6 ? Family.IP6 : Family.IP;
    Rule.Builder d = rule(chain);
    if (v6) {
      // link-local sources cannot be answered through a NAT to another link
      d.add(Match.ipSaddrNot(LINK_LOCAL_V6.address(), LINK_LOCAL_V6.length()));
    }
    if (!p.hostIp().isAnyLocalAddress()) {
      d.add(Match.ipDaddr(p.hostIp(), bits(p.hostIp())));
    }
    d.add(dports(p.protocol(), p.hostPort(), p.count())).add(Action.counter());
    if (p.count() == 1) {
      return d.add(Action.dnat(p.containerIp(), p.containerPort())).comment("DNAT").build();
    }
    d.add(new Immediate(NfTables.NFT_REG_1, Bytes.address(p.containerIp())));
    if (p.sameNumbers()) {
      d.add(new Immediate(NfTables.NFT_REG_2, Bytes.port(p.containerPort())),
          new Immediate(NfTables.NFT_REG_3, Bytes.port(p.containerPort() + p.count() - 1)),
          new Nat(NatType.DNAT, family, NfTables.NFT_REG_1, 0, NfTables.NFT_REG_2, NfTables.NFT_REG_3, 0));
    } else {
      NftSet ports = NftSet.map(family, TABLE, portMapName(p), DataType.INET_SERVICE, DataType.INET_SERVICE);
      List<SetElement> elements = new ArrayList<>();
      for (int i = 0; i < p.count(); i++) {
        elements.add(SetElement.mapping(Bytes.port(p.hostPort() + i), Bytes.port(p.containerPort() + i)));
      }
      maps.put(ports, elements);
      d.add(new Payload(PayloadBase.TRANSPORT, TRANSPORT_DPORT, 2, NfTables.NFT_REG_2),
          new Lookup(ports.name(), NfTables.NFT_REG_2, NfTables.NFT_REG_3, false),
          new Nat(NatType.DNAT, family, NfTables.NFT_REG_1, 0, NfTables.NFT_REG_3, 0, 0));
    }
    return d.comment("DNAT").build();
  }

  /** {@code dnat-ports__tcp-9000}, with the host address in hex when it is not the unspecified one. */
  private static String portMapName(Published p) {
    String name = "dnat-ports__" + p.protocol() + "-" + p.hostPort();
    return p.hostIp().isAnyLocalAddress() ? name : name + "-" + HexFormat.of().formatHex(p.hostIp().getAddress());
  }

  /** {@code PROTO dport P} or {@code PROTO dport P-Q}. */
  private static List<Expr> dports(String protocol, int first, int count) {
    return count == 1 ? Match.dport(protocol(protocol), first) : Match.dportRange(protocol(protocol), first, first + count - 1);
  }

  private static Chain base(Family family, String name, ChainType type, Hook hook, int priority) {
    return Chain.base(family, TABLE, name, type, hook, priority, BaseChain.Policy.ACCEPT);
  }

  private static NftSet jumpMap(Family family, String name) {
    return NftSet.map(family, TABLE, name, DataType.IFNAME, DataType.VERDICT);
  }

  private static SetElement jump(String bridge, Chain chain) {
    return SetElement.verdict(Bytes.ifname(bridge), Verdict.jump(chain.name()));
  }

  private static Rule.Builder rule(Chain chain) {
    return Rule.in(chain.family(), chain.table(), chain.name());
  }

  private static int bits(InetAddress a) {
    return a instanceof Inet4Address ? 32 : 128;
  }

  static int protocol(String name) {
    return switch (name) {
      case "tcp" -> Match.TCP;
      case "udp" -> Match.UDP;
      case "sctp" -> Match.SCTP;
      default -> throw new IllegalArgumentException("unknown protocol " + name);
    };
  }

  /**
   * {@code fib saddr|daddr type local}: the toolkit has no fib expression, so it is written as the raw
   * attributes nft sends, followed by the compare with RTN_LOCAL.
   */
  private static List<Expr> fibLocal(int addressFlag) {
    ByteBuffer b = ByteBuffer.allocate(24);
    for (int[] attr : new int[][] {{NFTA_FIB_DREG, 1}, {NFTA_FIB_RESULT, NFT_FIB_RESULT_ADDRTYPE}, {NFTA_FIB_FLAGS, addressFlag}}) {
      b.order(ByteOrder.nativeOrder()).putShort((short) 8).putShort((short) attr[0]);
      b.order(ByteOrder.BIG_ENDIAN).putInt(attr[1]);
    }
    return List.of(new UnknownExpr("fib", Bytes.of(b.array())), new Cmp(CmpOp.EQ, 1, Bytes.u32Host(RTN_LOCAL)));
  }
}
