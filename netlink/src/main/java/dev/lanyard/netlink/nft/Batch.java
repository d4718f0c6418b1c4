package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.Netlink.NLM_F_APPEND;
import static dev.lanyard.netlink.Netlink.NLM_F_CREATE;
import static dev.lanyard.netlink.Netlink.NLM_F_EXCL;
import static dev.lanyard.netlink.Netlink.NLM_F_REQUEST;
import static dev.lanyard.netlink.nft.NfTables.*;

import dev.lanyard.netlink.NlWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An atomic nf_tables transaction: changes collected here are sent in one datagram between
 * {@code NFNL_MSG_BATCH_BEGIN} and {@code NFNL_MSG_BATCH_END} by {@link Nft#apply}, and the kernel
 * applies all of them or none. Each message is labelled ("add rule inet filter forward") so the
 * kernel's error names the change it refused.
 *
 * <pre>{@code
 * Batch batch = Batch.create()
 *     .addTable(Table.of(Family.INET, "filter"))
 *     .addChain(Chain.base(Family.INET, "filter", "forward", ChainType.FILTER, Hook.FORWARD, 0,
 *         BaseChain.Policy.DROP))
 *     .addRule(rule);
 * nft.apply(batch);
 * }</pre>
 *
 * <p>Arguments are checked when a change is added (a bad one throws {@link IllegalArgumentException}
 * and leaves the batch as it was). A batch is applied once; not thread-safe.
 */
public final class Batch {
  /**
   * No message asks for an ACK, as with nft: the kernel runs the whole transaction inside sendmsg and
   * queues any error before it returns, so {@link Nft#apply} reads them without waiting; ACKs would
   * only fill the socket on big batches, and kernels before 6.10 ignore NLM_F_ACK on the batch end.
   */
  private static final int CHANGE = NLM_F_REQUEST;

  private final NlWriter writer = new NlWriter(16 * 1024);
  private final Map<String, Integer> setIds = new HashMap<>();
  private int nextSetId = 1;
  private int changes;
  private boolean sealed;

  private Batch() {
    writer.begin(NfNetlink.NFNL_MSG_BATCH_BEGIN, NLM_F_REQUEST)
        .putU8(Netfilter.NFPROTO_UNSPEC).putU8(NfNetlink.NFNETLINK_V0).putU16BigEndian(NfNetlink.NFNL_SUBSYS_NFTABLES)
        .label("commit nf_tables batch").end();
  }

  public static Batch create() {
    return new Batch();
  }

  /** {@code add table}: creates the table, or leaves an existing one as it is. */
  public Batch addTable(Table table) {
    return table(table, 0, "add");
  }

  /** {@code create table}: like {@link #addTable} but fails with EEXIST if the table exists. */
  public Batch createTable(Table table) {
    return table(table, NLM_F_EXCL, "create");
  }

  private Batch table(Table table, int flags, String verb) {
    start(NFT_MSG_NEWTABLE, flags, table.family(), verb + " " + table);
    writer.attrString(NFTA_TABLE_NAME, table.name()).attrU32BigEndian(NFTA_TABLE_FLAGS, table.flags());
    return finish();
  }

  /** {@code delete table}: removes the table and everything in it. */
  public Batch deleteTable(Table table) {
    start(NFT_MSG_DELTABLE, 0, table.family(), "delete " + table);
    writer.attrString(NFTA_TABLE_NAME, table.name());
    return finish();
  }

  /** {@code flush table}: removes every rule of every chain of the table (chains and sets stay). */
  public Batch flushTable(Table table) {
    start(NFT_MSG_DELRULE, 0, table.family(), "flush " + table);
    writer.attrString(NFTA_RULE_TABLE, table.name());
    return finish();
  }

  /** {@code flush chain}: removes every rule of one chain (the chain and other chains stay). */
  public Batch flushChain(Chain chain) {
    start(NFT_MSG_DELRULE, 0, chain.family(), "flush " + chain);
    writer.attrString(NFTA_RULE_TABLE, chain.table()).attrString(NFTA_RULE_CHAIN, chain.name());
    return finish();
  }

  /** {@code add chain}: creates the chain (a base chain if it has a hook), or updates an existing one's policy. */
  public Batch addChain(Chain chain) {
    return chain(chain, NLM_F_CREATE, "add");
  }

  /** {@code create chain}: like {@link #addChain} but fails with EEXIST if the chain exists. */
  public Batch createChain(Chain chain) {
    return chain(chain, NLM_F_CREATE | NLM_F_EXCL, "create");
  }

  private Batch chain(Chain chain, int flags, String verb) {
    start(NFT_MSG_NEWCHAIN, flags, chain.family(), verb + " " + chain);
    writer.attrString(NFTA_CHAIN_TABLE, chain.table()).attrString(NFTA_CHAIN_NAME, chain.name());
    chain.base().ifPresent(base -> {
      writer.attrString(NFTA_CHAIN_TYPE, base.type().nftName())
          .attrU32BigEndian(NFTA_CHAIN_POLICY, base.policy().code());
      int hook = writer.beginNested(NFTA_CHAIN_HOOK);
      writer.attrU32BigEndian(NFTA_HOOK_HOOKNUM, base.hook().code())
          .attrU32BigEndian(NFTA_HOOK_PRIORITY, base.priority());
      writer.endNested(hook);
    });
    return finish();
  }

  /** {@code delete chain}: removes the chain with its rules; fails with EBUSY while a rule jumps to it. */
  public Batch deleteChain(Chain chain) {
    start(NFT_MSG_DELCHAIN, 0, chain.family(), "delete " + chain);
    writer.attrString(NFTA_CHAIN_TABLE, chain.table()).attrString(NFTA_CHAIN_NAME, chain.name());
    return finish();
  }

  /** {@code add rule}: appends the rule at the end of its chain. */
  public Batch addRule(Rule rule) {
    return rule(rule, NLM_F_CREATE | NLM_F_APPEND, 0, "add");
  }

  /** {@code add rule … position H}: places the rule after the rule with handle {@code after}. */
  public Batch addRuleAfter(Rule rule, long after) {
    return rule(rule, NLM_F_CREATE | NLM_F_APPEND, requireHandle(after), "add");
  }

  /** {@code insert rule}: places the rule at the start of its chain. */
  public Batch insertRule(Rule rule) {
    return rule(rule, NLM_F_CREATE, 0, "insert");
  }

  /** {@code insert rule … position H}: places the rule before the rule with handle {@code before}. */
  public Batch insertRuleBefore(Rule rule, long before) {
    return rule(rule, NLM_F_CREATE, requireHandle(before), "insert");
  }

  private Batch rule(Rule rule, int flags, long position, String verb) {
    start(NFT_MSG_NEWRULE, flags, rule.family(),
        verb + " rule " + rule.family().nftName() + " " + rule.table() + " " + rule.chain());
    writer.attrString(NFTA_RULE_TABLE, rule.table()).attrString(NFTA_RULE_CHAIN, rule.chain());
    if (position != 0) {
      writer.attrU64BigEndian(NFTA_RULE_POSITION, position);
    }
    String table = rule.family().code() + "/" + rule.table() + "/";
    ExprCodec.writeList(writer, NFTA_RULE_EXPRESSIONS, rule.exprs(), set -> setIds.getOrDefault(table + set, 0));
    rule.comment().ifPresent(c ->
        writer.attr(NFTA_RULE_USERDATA, new Userdata().putString(Userdata.RULE_COMMENT, c).toArray()));
    return finish();
  }

  /** {@code delete rule … handle H}. */
  public Batch deleteRule(Family family, String table, String chain, long handle) {
    requireHandle(handle);
    Names.require("table", table);
    Names.require("chain", chain);
    start(NFT_MSG_DELRULE, 0, family,
        "delete rule " + family.nftName() + " " + table + " " + chain + " handle " + handle);
    writer.attrString(NFTA_RULE_TABLE, table).attrString(NFTA_RULE_CHAIN, chain)
        .attrU64BigEndian(NFTA_RULE_HANDLE, handle);
    return finish();
  }

  /** {@code delete rule} of a rule read back from the kernel (it carries its handle). */
  public Batch deleteRule(Rule rule) {
    return deleteRule(rule.family(), rule.table(), rule.chain(), rule.handle());
  }

  /** {@code add set} / {@code add map}. Rules and elements later in this batch may use it. */
  public Batch addSet(NftSet set) {
    int flags = SetFlag.bits(set.flags()) | (set.isMap() ? NFT_SET_MAP : 0);
    start(NFT_MSG_NEWSET, NLM_F_CREATE, set.family(), "add " + set);
    writer.attrString(NFTA_SET_TABLE, set.table()).attrString(NFTA_SET_NAME, set.name())
        .attrU32BigEndian(NFTA_SET_FLAGS, flags)
        .attrU32BigEndian(NFTA_SET_KEY_TYPE, set.keyType().id())
        .attrU32BigEndian(NFTA_SET_KEY_LEN, set.keyType().length());
    Userdata userdata = new Userdata().putU32(Userdata.SET_KEYBYTEORDER, set.keyType().byteOrder());
    set.dataType().ifPresent(data -> {
      boolean verdict = data == DataType.VERDICT;
      writer.attrU32BigEndian(NFTA_SET_DATA_TYPE, verdict ? NFT_DATA_VERDICT : data.id())
          .attrU32BigEndian(NFTA_SET_DATA_LEN, data.length());
      userdata.putU32(Userdata.SET_DATABYTEORDER, data.byteOrder()).putU32(Userdata.SET_DATA_INTERVAL, 0);
    });
    int id = nextSetId++;
    writer.attrU32BigEndian(NFTA_SET_ID, id);
    set.timeout().ifPresent(t -> writer.attrU64BigEndian(NFTA_SET_TIMEOUT, t.toMillis()));
    writer.attr(NFTA_SET_USERDATA, userdata.toArray());
    setIds.put(set.family().code() + "/" + set.table() + "/" + set.name(), id);
    return finish();
  }

  /** {@code delete set} / {@code delete map}: fails with EBUSY while a rule uses it. */
  public Batch deleteSet(NftSet set) {
    start(NFT_MSG_DELSET, 0, set.family(), "delete " + set);
    writer.attrString(NFTA_SET_TABLE, set.table()).attrString(NFTA_SET_NAME, set.name());
    return finish();
  }

  /** {@code add element}: ranges of an interval set are written as start and (exclusive) end elements. */
  public Batch addElements(NftSet set, List<SetElement> elements) {
    return elements(NFT_MSG_NEWSETELEM, NLM_F_CREATE, set, elements, "add elements to ");
  }

  /** {@code delete element}: give the elements as they were added (ranges as ranges). */
  public Batch deleteElements(NftSet set, List<SetElement> elements) {
    return elements(NFT_MSG_DELSETELEM, 0, set, elements, "delete elements from ");
  }

  private Batch elements(int msg, int flags, NftSet set, List<SetElement> elements, String verb) {
    for (SetElement e : elements) {
      check(set, e);
    }
    start(msg, flags, set.family(), verb + set);
    writer.attrString(NFTA_SET_ELEM_LIST_TABLE, set.table()).attrString(NFTA_SET_ELEM_LIST_SET, set.name());
    int id = setIds.getOrDefault(set.family().code() + "/" + set.table() + "/" + set.name(), 0);
    if (id != 0) {
      writer.attrU32BigEndian(NFTA_SET_ELEM_LIST_SET_ID, id);
    }
    int list = writer.beginNested(NFTA_SET_ELEM_LIST_ELEMENTS);
    for (SetElement e : elements) {
      element(e.key(), e, false);
      if (set.isInterval()) {
        Bytes end = e.last().incremented();
        if (end != null) { // a range up to the largest key needs no end element
          element(end, e, true);
        }
      }
    }
    writer.endNested(list);
    return finish();
  }

  private void element(Bytes key, SetElement e, boolean intervalEnd) {
    int elem = writer.beginNested(NFTA_LIST_ELEM);
    if (intervalEnd) {
      writer.attrU32BigEndian(NFTA_SET_ELEM_FLAGS, NFT_SET_ELEM_INTERVAL_END);
    }
    ExprCodec.value(writer, NFTA_SET_ELEM_KEY, key);
    if (!intervalEnd) {
      e.timeout().ifPresent(t -> writer.attrU64BigEndian(NFTA_SET_ELEM_TIMEOUT, t.toMillis()));
      e.data().ifPresent(d -> ExprCodec.value(writer, NFTA_SET_ELEM_DATA, d));
      e.verdict().ifPresent(v -> {
        int data = writer.beginNested(NFTA_SET_ELEM_DATA);
        ExprCodec.writeVerdict(writer, v);
        writer.endNested(data);
      });
    }
    writer.endNested(elem);
  }

  private static void check(NftSet set, SetElement e) {
    if (e.key().length() != set.keyType().length()) {
      throw new IllegalArgumentException(set + ": key " + e.key() + " is " + e.key().length() + " bytes, "
          + set.keyType().nftName() + " needs " + set.keyType().length());
    }
    if (e.keyTo().isPresent() && !set.isInterval()) {
      throw new IllegalArgumentException(set + ": range " + e.key() + ".." + e.keyTo().get()
          + " needs an interval set");
    }
    DataType data = set.dataType().orElse(null);
    if (data == null && (e.data().isPresent() || e.verdict().isPresent())) {
      throw new IllegalArgumentException(set + " is not a map; element " + e.key() + " has a value");
    }
    if (data == DataType.VERDICT && e.verdict().isEmpty()) {
      throw new IllegalArgumentException(set + " is a verdict map; element " + e.key() + " has no verdict");
    }
    if (data != null && data != DataType.VERDICT
        && (e.data().isEmpty() || e.data().get().length() != data.length())) {
      throw new IllegalArgumentException(set + " maps to " + data.nftName() + " (" + data.length()
          + " bytes); element " + e.key() + " has " + e.data().map(Bytes::toString).orElse("no value"));
    }
    if (e.timeout().isPresent() && !set.flags().contains(SetFlag.TIMEOUT)) {
      throw new IllegalArgumentException(set + " has no flag TIMEOUT; element " + e.key() + " has a timeout");
    }
  }

  /** How many changes the batch holds. */
  public int size() {
    return changes;
  }

  /** The batch's messages with sequence numbers and port 0, ending it; for golden tests. */
  public byte[] toByteArray() {
    seal();
    return writer.toByteArray();
  }

  /** Ends the batch and gives its messages to the socket. */
  NlWriter seal() {
    if (!sealed) {
      sealed = true;
      writer.begin(NfNetlink.NFNL_MSG_BATCH_END, NLM_F_REQUEST)
          .putU8(Netfilter.NFPROTO_UNSPEC).putU8(NfNetlink.NFNETLINK_V0)
          .putU16BigEndian(NfNetlink.NFNL_SUBSYS_NFTABLES)
          .label("commit nf_tables batch").end();
    }
    return writer;
  }

  private void start(int msg, int flags, Family family, String label) {
    if (sealed) {
      throw new IllegalStateException("batch already applied");
    }
    NftCodec.begin(writer, msg, CHANGE | flags, family.code()).label(label);
  }

  private Batch finish() {
    writer.end();
    changes++;
    return this;
  }

  private static long requireHandle(long handle) {
    if (handle <= 0) {
      throw new IllegalArgumentException("rule handle must be positive: " + handle);
    }
    return handle;
  }
}
