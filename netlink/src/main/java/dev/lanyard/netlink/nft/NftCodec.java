package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.NfTables.*;

import dev.lanyard.netlink.Netlink;
import dev.lanyard.netlink.NlAttr;
import dev.lanyard.netlink.NlAttrs;
import dev.lanyard.netlink.NlMessage;
import dev.lanyard.netlink.NlWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Writes nf_tables message headers and reads tables, chains, rules, sets and elements from dumps. */
final class NftCodec {
  private NftCodec() {}

  /** Begins a message of nf_tables type {@code msg} with its nfgenmsg header. */
  static NlWriter begin(NlWriter w, int msg, int flags, int family) {
    return w.begin(NfNetlink.nftablesType(msg), Netlink.NLM_F_REQUEST | flags)
        .putU8(family).putU8(NfNetlink.NFNETLINK_V0).putU16BigEndian(0);
  }

  /** A dump request for {@code msg} of {@code family} (null: every family), left open for filter attributes. */
  static NlWriter dumpRequest(int msg, Family family) {
    return begin(new NlWriter(256), msg, Netlink.NLM_F_DUMP, family == null ? Netfilter.NFPROTO_UNSPEC : family.code());
  }

  static int family(NlMessage m) {
    return Byte.toUnsignedInt(m.payload().get(0));
  }

  static NlAttrs attrs(NlMessage m) {
    return m.attrs(NfNetlink.NFGENMSG_LENGTH);
  }

  static Table table(NlMessage m) {
    NlAttrs a = attrs(m);
    return new Table(Family.of(family(m)), a.get(NFTA_TABLE_NAME).string(), ExprCodec.u32(a, NFTA_TABLE_FLAGS),
        ExprCodec.u64(a, NFTA_TABLE_HANDLE));
  }

  static Chain chain(NlMessage m) {
    NlAttrs a = attrs(m);
    Optional<BaseChain> base = Optional.empty();
    NlAttr hook = a.get(NFTA_CHAIN_HOOK);
    if (hook != null && a.has(NFTA_CHAIN_TYPE)) {
      NlAttrs h = hook.nested();
      base = Optional.of(new BaseChain(ChainType.of(a.get(NFTA_CHAIN_TYPE).string()),
          Hook.of(ExprCodec.u32(h, NFTA_HOOK_HOOKNUM)), ExprCodec.u32(h, NFTA_HOOK_PRIORITY),
          BaseChain.Policy.of(ExprCodec.u32(a, NFTA_CHAIN_POLICY))));
    }
    return new Chain(Family.of(family(m)), a.get(NFTA_CHAIN_TABLE).string(), a.get(NFTA_CHAIN_NAME).string(), base,
        ExprCodec.u64(a, NFTA_CHAIN_HANDLE));
  }

  static Rule rule(NlMessage m) {
    NlAttrs a = attrs(m);
    NlAttr exprs = a.get(NFTA_RULE_EXPRESSIONS);
    NlAttr userdata = a.get(NFTA_RULE_USERDATA);
    Optional<String> comment = userdata == null ? Optional.empty()
        : Userdata.findString(userdata.bytes(), Userdata.RULE_COMMENT);
    return new Rule(Family.of(family(m)), a.get(NFTA_RULE_TABLE).string(), a.get(NFTA_RULE_CHAIN).string(),
        exprs == null ? List.of() : ExprCodec.readList(exprs), comment, ExprCodec.u64(a, NFTA_RULE_HANDLE));
  }

  /** The set in {@code m}, or empty for an anonymous set (nft's {@code __set%d}, owned by a rule). */
  static Optional<NftSet> set(NlMessage m) {
    NlAttrs a = attrs(m);
    int flags = ExprCodec.u32(a, NFTA_SET_FLAGS);
    if ((flags & NFT_SET_ANONYMOUS) != 0) {
      return Optional.empty();
    }
    Optional<DataType> data = (flags & NFT_SET_MAP) != 0
        ? Optional.of(DataType.of(ExprCodec.u32(a, NFTA_SET_DATA_TYPE))) : Optional.empty();
    Optional<Duration> timeout = a.has(NFTA_SET_TIMEOUT)
        ? Optional.of(Duration.ofMillis(ExprCodec.u64(a, NFTA_SET_TIMEOUT))) : Optional.empty();
    return Optional.of(new NftSet(Family.of(family(m)), a.get(NFTA_SET_TABLE).string(), a.get(NFTA_SET_NAME).string(),
        DataType.of(ExprCodec.u32(a, NFTA_SET_KEY_TYPE)), data, SetFlag.of(flags), timeout,
        ExprCodec.u64(a, NFTA_SET_HANDLE)));
  }

  /** One element as the kernel stores it: an interval end is a separate element with a flag. */
  record StoredElement(Bytes key, boolean intervalEnd, Optional<Bytes> data, Optional<Verdict> verdict,
      Optional<Duration> timeout) {}

  static List<StoredElement> elements(NlMessage m) {
    List<StoredElement> out = new ArrayList<>();
    NlAttr list = attrs(m).get(NFTA_SET_ELEM_LIST_ELEMENTS);
    if (list == null) {
      return out;
    }
    for (NlAttr elem : list.nested().all(NFTA_LIST_ELEM)) {
      NlAttrs e = elem.nested();
      boolean end = (ExprCodec.u32(e, NFTA_SET_ELEM_FLAGS) & NFT_SET_ELEM_INTERVAL_END) != 0;
      Bytes key = e.has(NFTA_SET_ELEM_KEY) ? ExprCodec.value(e, NFTA_SET_ELEM_KEY) : null;
      Optional<Bytes> data = Optional.empty();
      Optional<Verdict> verdict = Optional.empty();
      NlAttr d = e.get(NFTA_SET_ELEM_DATA);
      if (d != null) {
        NlAttrs dn = d.nested();
        if (dn.has(NFTA_DATA_VERDICT)) {
          verdict = Optional.of(ExprCodec.readVerdict(dn.get(NFTA_DATA_VERDICT)));
        } else {
          data = Optional.of(Bytes.of(dn.get(NFTA_DATA_VALUE).bytes()));
        }
      }
      Optional<Duration> timeout = e.has(NFTA_SET_ELEM_TIMEOUT)
          ? Optional.of(Duration.ofMillis(ExprCodec.u64(e, NFTA_SET_ELEM_TIMEOUT))) : Optional.empty();
      if (key != null) {
        out.add(new StoredElement(key, end, data, verdict, timeout));
      }
    }
    return out;
  }

  /**
   * Turns stored elements into {@link SetElement}s: for an interval set, each start is paired with the
   * end element after it (end keys are exclusive; the kernel lists them in no useful order).
   */
  static List<SetElement> merge(NftSet set, List<StoredElement> stored) {
    List<SetElement> out = new ArrayList<>();
    if (!set.isInterval()) {
      for (StoredElement s : stored) {
        out.add(new SetElement(s.key(), Optional.empty(), s.data(), s.verdict(), s.timeout()));
      }
      return out;
    }
    List<StoredElement> sorted = new ArrayList<>(stored);
    sorted.sort(Comparator.comparing(StoredElement::key, Bytes::compareUnsigned)
        .thenComparing(s -> !s.intervalEnd()));
    StoredElement open = null;
    for (StoredElement s : sorted) {
      if (s.intervalEnd()) {
        if (open != null) {
          out.add(new SetElement(open.key(), Optional.of(s.key().decremented()), open.data(), open.verdict(),
              open.timeout()));
          open = null;
        }
      } else {
        if (open != null) {
          out.add(rangeToMax(open));
        }
        open = s;
      }
    }
    if (open != null) {
      out.add(rangeToMax(open));
    }
    return out;
  }

  private static SetElement rangeToMax(StoredElement start) {
    byte[] max = new byte[start.key().length()];
    Arrays.fill(max, (byte) 0xff);
    return new SetElement(start.key(), Optional.of(Bytes.of(max)), start.data(), start.verdict(), start.timeout());
  }
}
