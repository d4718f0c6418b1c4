package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.NfTables.*;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.Netlink;
import dev.lanyard.netlink.NetlinkException;
import dev.lanyard.netlink.NetlinkSocket;
import dev.lanyard.netlink.NlAttr;
import dev.lanyard.netlink.NlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * nf_tables in one network namespace: applies {@link Batch}es atomically and lists tables, chains,
 * rules, sets and elements, decoded into the same values a batch takes.
 *
 * <pre>{@code
 * try (NetNs ns = NetNs.named("blue"); Nft nft = Nft.openIn(ns)) {
 *   nft.apply(Batch.create()
 *       .addTable(Table.of(Family.INET, "filter"))
 *       .addChain(Chain.base(Family.INET, "filter", "forward", ChainType.FILTER, Hook.FORWARD, 0,
 *           BaseChain.Policy.ACCEPT))
 *       .addRule(Rule.in(Family.INET, "filter", "forward")
 *           .add(Match.iifname("br0")).add(Match.tcpDport(80)).add(Action.accept()).build()));
 *   List<Rule> rules = nft.rules(Family.INET, "filter", "forward");
 * }
 * }</pre>
 *
 * <p>Threads and namespaces: the netlink socket is opened inside the namespace (on a short-lived
 * platform thread) and stays bound to it; the handle may then be used from any thread, requests are
 * serialised. Kernel refusals are {@link dev.lanyard.netlink.NetlinkException}s naming the change
 * ("add rule inet filter forward"), the errno and the kernel's message.
 */
public final class Nft implements AutoCloseable {
  private final NetlinkSocket socket;

  private Nft(NetlinkSocket socket) {
    this.socket = socket;
  }

  /** nf_tables of namespace {@code ns}. */
  public static Nft openIn(NetNs ns) {
    return new Nft(NetlinkSocket.openIn(ns, Netlink.NETLINK_NETFILTER));
  }

  /** nf_tables of the calling thread's namespace. */
  public static Nft open() {
    return new Nft(NetlinkSocket.open(Netlink.NETLINK_NETFILTER));
  }

  /** Sends the batch once; the kernel applies every change or, on the first error, none. */
  public void apply(Batch batch) {
    NlWriter messages = batch.seal();
    try {
      socket.execute("apply nf_tables batch", messages);
    } catch (NetlinkException e) {
      String attribute = BadAttribute.describe(messages.buffer(), e.messageIndex(), e.badAttributeOffset());
      throw attribute.isEmpty() ? e : e.withBadAttribute(attribute);
    }
  }

  /** Tables of every family. */
  public List<Table> tables() {
    return tables(null);
  }

  /** Tables of {@code family}, or of every family for null. */
  public List<Table> tables(Family family) {
    List<Table> out = new ArrayList<>();
    socket.dump("list tables", NftCodec.dumpRequest(NFT_MSG_GETTABLE, family).end(),
        m -> out.add(NftCodec.table(m)));
    return out;
  }

  /** Chains of one table. */
  public List<Chain> chains(Family family, String table) {
    Names.require("table", table);
    List<Chain> out = new ArrayList<>();
    socket.dump("list chains of table " + family.nftName() + " " + table,
        NftCodec.dumpRequest(NFT_MSG_GETCHAIN, family).end(), m -> {
          Chain c = NftCodec.chain(m);
          if (c.table().equals(table)) {
            out.add(c);
          }
        });
    return out;
  }

  /** Rules of one chain, in order, with their handles. */
  public List<Rule> rules(Family family, String table, String chain) {
    NlWriter request = NftCodec.dumpRequest(NFT_MSG_GETRULE, family)
        .attrString(NFTA_RULE_TABLE, Names.require("table", table))
        .attrString(NFTA_RULE_CHAIN, Names.require("chain", chain)).end();
    List<Rule> out = new ArrayList<>();
    socket.dump("list rules of chain " + family.nftName() + " " + table + " " + chain, request,
        m -> out.add(NftCodec.rule(m)));
    return out;
  }

  /** Named sets and maps of one table (anonymous sets of rules are left out). */
  public List<NftSet> sets(Family family, String table) {
    NlWriter request = NftCodec.dumpRequest(NFT_MSG_GETSET, family)
        .attrString(NFTA_SET_TABLE, Names.require("table", table)).end();
    List<NftSet> out = new ArrayList<>();
    socket.dump("list sets of table " + family.nftName() + " " + table, request,
        m -> NftCodec.set(m).ifPresent(out::add));
    return out;
  }

  /** One set or map by name. */
  public Optional<NftSet> set(Family family, String table, String name) {
    Names.require("set", name);
    return sets(family, table).stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Elements of a set or map; ranges of an interval set come back as ranges, in key order. */
  public List<SetElement> elements(NftSet set) {
    NlWriter request = NftCodec.dumpRequest(NFT_MSG_GETSETELEM, set.family())
        .attrString(NFTA_SET_ELEM_LIST_TABLE, set.table())
        .attrString(NFTA_SET_ELEM_LIST_SET, set.name()).end();
    List<NftCodec.StoredElement> stored = new ArrayList<>();
    socket.dump("list elements of " + set, request, m -> stored.addAll(NftCodec.elements(m)));
    return NftCodec.merge(set, stored);
  }

  /**
   * The ruleset generation: it changes with every committed batch, from anyone. Comparing it before
   * and after notices changes made by others.
   */
  public long generation() {
    NlWriter request = NftCodec.begin(new NlWriter(64), NFT_MSG_GETGEN, Netlink.NLM_F_ACK,
        Netfilter.NFPROTO_UNSPEC).end();
    long[] gen = {-1};
    socket.execute("get nf_tables generation", request, m -> {
      NlAttr id = NftCodec.attrs(m).get(NFTA_GEN_ID);
      if (id != null) {
        gen[0] = Integer.toUnsignedLong(id.u32BigEndian());
      }
    });
    if (gen[0] < 0) {
      throw new IllegalStateException("the kernel sent no NFTA_GEN_ID");
    }
    return gen[0];
  }

  @Override
  public void close() {
    socket.close();
  }
}
