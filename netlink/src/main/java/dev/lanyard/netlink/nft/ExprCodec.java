package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.NfTables.*;

import dev.lanyard.netlink.Netlink;
import dev.lanyard.netlink.NlAttr;
import dev.lanyard.netlink.NlAttrs;
import dev.lanyard.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link Expr}s as nf_tables expression attributes and reads them back. Attributes go in the
 * order {@code nft} 1.0 writes them, so batches compare byte for byte with what {@code nft} sends.
 *
 * <p>NAT flags: the kernel adds {@code NF_NAT_RANGE_MAP_IPS} / {@code PROTO_SPECIFIED} itself when an
 * address / port register is given, and {@code nft} sends {@code PROTO_SPECIFIED} for a port. The
 * records hold only the other flags; the codec adds and strips the implied ones. Likewise the kernel
 * reports a missing max register as equal to the min one, which the records store as 0.
 */
final class ExprCodec {
  private static final int IMPLIED_NAT_FLAGS = NfNat.NF_NAT_RANGE_MAP_IPS | NfNat.NF_NAT_RANGE_PROTO_SPECIFIED;

  private ExprCodec() {}

  /** Writes {@code NFTA_RULE_EXPRESSIONS}-style list: one {@code NFTA_LIST_ELEM} per expression. */
  static void writeList(NlWriter w, int listType, List<Expr> exprs, SetIds setIds) {
    int list = w.beginNested(listType);
    for (Expr e : exprs) {
      int elem = w.beginNested(NFTA_LIST_ELEM);
      w.attrString(NFTA_EXPR_NAME, e.kind());
      if (e instanceof UnknownExpr u) {
        w.attr(NFTA_EXPR_DATA | Netlink.NLA_F_NESTED, u.data().toArray());
      } else {
        int data = w.beginNested(NFTA_EXPR_DATA);
        writeData(w, e, setIds);
        w.endNested(data);
      }
      w.endNested(elem);
    }
    w.endNested(list);
  }

  private static void writeData(NlWriter w, Expr e, SetIds setIds) {
    if (e instanceof MetaLoad m) {
      w.attrU32BigEndian(NFTA_META_KEY, m.key().code()).attrU32BigEndian(NFTA_META_DREG, m.dreg());
    } else if (e instanceof MetaSet m) {
      w.attrU32BigEndian(NFTA_META_KEY, m.key().code()).attrU32BigEndian(NFTA_META_SREG, m.sreg());
    } else if (e instanceof Payload p) {
      w.attrU32BigEndian(NFTA_PAYLOAD_DREG, p.dreg())
          .attrU32BigEndian(NFTA_PAYLOAD_BASE, p.base().code())
          .attrU32BigEndian(NFTA_PAYLOAD_OFFSET, p.offset())
          .attrU32BigEndian(NFTA_PAYLOAD_LEN, p.length());
    } else if (e instanceof Cmp c) {
      w.attrU32BigEndian(NFTA_CMP_SREG, c.sreg()).attrU32BigEndian(NFTA_CMP_OP, c.op().code());
      value(w, NFTA_CMP_DATA, c.data());
    } else if (e instanceof Bitwise b) {
      w.attrU32BigEndian(NFTA_BITWISE_SREG, b.sreg())
          .attrU32BigEndian(NFTA_BITWISE_DREG, b.dreg())
          .attrU32BigEndian(NFTA_BITWISE_LEN, b.length());
      value(w, NFTA_BITWISE_MASK, b.mask());
      value(w, NFTA_BITWISE_XOR, b.xor());
    } else if (e instanceof Range r) {
      w.attrU32BigEndian(NFTA_RANGE_SREG, r.sreg())
          .attrU32BigEndian(NFTA_RANGE_OP, r.negated() ? NFT_RANGE_NEQ : NFT_RANGE_EQ);
      value(w, NFTA_RANGE_FROM_DATA, r.from());
      value(w, NFTA_RANGE_TO_DATA, r.to());
    } else if (e instanceof Ct c) {
      w.attrU32BigEndian(NFTA_CT_KEY, c.key().code()).attrU32BigEndian(NFTA_CT_DREG, c.dreg());
    } else if (e instanceof Counter c) {
      if (c.bytes() != 0 || c.packets() != 0) {
        w.attrU64BigEndian(NFTA_COUNTER_BYTES, c.bytes()).attrU64BigEndian(NFTA_COUNTER_PACKETS, c.packets());
      }
    } else if (e instanceof Nat n) {
      w.attrU32BigEndian(NFTA_NAT_TYPE, n.type().code()).attrU32BigEndian(NFTA_NAT_FAMILY, n.family().code());
      optionalRegister(w, NFTA_NAT_REG_ADDR_MIN, n.regAddrMin());
      optionalRegister(w, NFTA_NAT_REG_ADDR_MAX, n.regAddrMax());
      optionalRegister(w, NFTA_NAT_REG_PROTO_MIN, n.regProtoMin());
      optionalRegister(w, NFTA_NAT_REG_PROTO_MAX, n.regProtoMax());
      optionalFlags(w, NFTA_NAT_FLAGS, n.flags(), n.regProtoMin());
    } else if (e instanceof Masquerade m) {
      optionalFlags(w, NFTA_MASQ_FLAGS, m.flags(), m.regProtoMin());
      optionalRegister(w, NFTA_MASQ_REG_PROTO_MIN, m.regProtoMin());
      optionalRegister(w, NFTA_MASQ_REG_PROTO_MAX, m.regProtoMax());
    } else if (e instanceof Redirect r) {
      optionalRegister(w, NFTA_REDIR_REG_PROTO_MIN, r.regProtoMin());
      optionalRegister(w, NFTA_REDIR_REG_PROTO_MAX, r.regProtoMax());
      optionalFlags(w, NFTA_REDIR_FLAGS, r.flags(), r.regProtoMin());
    } else if (e instanceof Immediate i) {
      w.attrU32BigEndian(NFTA_IMMEDIATE_DREG, i.dreg());
      value(w, NFTA_IMMEDIATE_DATA, i.data());
    } else if (e instanceof VerdictExpr v) {
      w.attrU32BigEndian(NFTA_IMMEDIATE_DREG, NFT_REG_VERDICT);
      int data = w.beginNested(NFTA_IMMEDIATE_DATA);
      writeVerdict(w, v.verdict());
      w.endNested(data);
    } else if (e instanceof Lookup l) {
      w.attrU32BigEndian(NFTA_LOOKUP_SREG, l.sreg());
      if (l.dreg() != Lookup.NO_DREG) {
        w.attrU32BigEndian(NFTA_LOOKUP_DREG, l.dreg());
      }
      w.attrString(NFTA_LOOKUP_SET, l.set());
      int id = setIds.idOf(l.set());
      if (id != 0) {
        w.attrU32BigEndian(NFTA_LOOKUP_SET_ID, id);
      }
      if (l.inverted()) {
        w.attrU32BigEndian(NFTA_LOOKUP_FLAGS, NFT_LOOKUP_F_INV);
      }
    } else {
      throw new IllegalArgumentException("no encoding for " + e);
    }
  }

  /** Writes {@code NFTA_DATA_VERDICT} (inside an nft_data nest opened by the caller). */
  static void writeVerdict(NlWriter w, Verdict v) {
    int verdict = w.beginNested(NFTA_DATA_VERDICT);
    w.attrU32BigEndian(NFTA_VERDICT_CODE, v.kind().code());
    if (v.chain() != null) {
      w.attrString(NFTA_VERDICT_CHAIN, v.chain());
    }
    w.endNested(verdict);
  }

  /** Writes a nested nft_data holding a plain value. */
  static void value(NlWriter w, int type, Bytes data) {
    int nest = w.beginNested(type);
    w.attr(NFTA_DATA_VALUE, data.toArray());
    w.endNested(nest);
  }

  private static void optionalRegister(NlWriter w, int type, int reg) {
    if (reg != 0) {
      w.attrU32BigEndian(type, reg);
    }
  }

  private static void optionalFlags(NlWriter w, int type, int flags, int regProtoMin) {
    int wire = flags | (regProtoMin != 0 ? NfNat.NF_NAT_RANGE_PROTO_SPECIFIED : 0);
    if (wire != 0) {
      w.attrU32BigEndian(type, wire);
    }
  }

  /** Reads a list of {@code NFTA_LIST_ELEM} expressions. */
  static List<Expr> readList(NlAttr list) {
    List<Expr> out = new ArrayList<>();
    for (NlAttr elem : list.nested().all(NFTA_LIST_ELEM)) {
      NlAttrs e = elem.nested();
      String name = e.get(NFTA_EXPR_NAME).string();
      NlAttr data = e.get(NFTA_EXPR_DATA);
      out.add(read(name, data));
    }
    return out;
  }

  private static Expr read(String name, NlAttr raw) {
    NlAttrs a = raw == null ? NlAttrs.parse(ByteBuffer.allocate(0)) : raw.nested();
    switch (name) {
      case "meta":
        if (a.has(NFTA_META_SREG)) {
          return new MetaSet(MetaKey.of(u32(a, NFTA_META_KEY)), u32(a, NFTA_META_SREG));
        }
        return new MetaLoad(MetaKey.of(u32(a, NFTA_META_KEY)), u32(a, NFTA_META_DREG));
      case "payload":
        if (a.has(NFTA_PAYLOAD_SREG)) {
          break; // payload writes (mangling) are not modelled
        }
        return new Payload(PayloadBase.of(u32(a, NFTA_PAYLOAD_BASE)), u32(a, NFTA_PAYLOAD_OFFSET),
            u32(a, NFTA_PAYLOAD_LEN), u32(a, NFTA_PAYLOAD_DREG));
      case "cmp":
        return new Cmp(CmpOp.of(u32(a, NFTA_CMP_OP)), u32(a, NFTA_CMP_SREG), value(a, NFTA_CMP_DATA));
      case "bitwise":
        if (a.has(NFTA_BITWISE_OP) && u32(a, NFTA_BITWISE_OP) != 0) {
          break; // shifts are not modelled
        }
        return new Bitwise(u32(a, NFTA_BITWISE_SREG), u32(a, NFTA_BITWISE_DREG), value(a, NFTA_BITWISE_MASK),
            value(a, NFTA_BITWISE_XOR));
      case "range":
        return new Range(u32(a, NFTA_RANGE_OP) == NFT_RANGE_NEQ, u32(a, NFTA_RANGE_SREG),
            value(a, NFTA_RANGE_FROM_DATA), value(a, NFTA_RANGE_TO_DATA));
      case "ct":
        if (a.has(NFTA_CT_SREG) || a.has(NFTA_CT_DIRECTION)) {
          break; // ct set and per-direction keys are not modelled
        }
        return new Ct(CtKey.of(u32(a, NFTA_CT_KEY)), u32(a, NFTA_CT_DREG));
      case "counter":
        return new Counter(u64(a, NFTA_COUNTER_PACKETS), u64(a, NFTA_COUNTER_BYTES));
      case "nat":
        return new Nat(NatType.of(u32(a, NFTA_NAT_TYPE)), Family.of(u32(a, NFTA_NAT_FAMILY)),
            u32(a, NFTA_NAT_REG_ADDR_MIN), u32(a, NFTA_NAT_REG_ADDR_MAX),
            u32(a, NFTA_NAT_REG_PROTO_MIN), u32(a, NFTA_NAT_REG_PROTO_MAX),
            u32(a, NFTA_NAT_FLAGS) & ~IMPLIED_NAT_FLAGS);
      case "masq":
        return new Masquerade(u32(a, NFTA_MASQ_FLAGS) & ~IMPLIED_NAT_FLAGS, u32(a, NFTA_MASQ_REG_PROTO_MIN),
            u32(a, NFTA_MASQ_REG_PROTO_MAX));
      case "redir":
        return new Redirect(u32(a, NFTA_REDIR_REG_PROTO_MIN), u32(a, NFTA_REDIR_REG_PROTO_MAX),
            u32(a, NFTA_REDIR_FLAGS) & ~IMPLIED_NAT_FLAGS);
      case "immediate": {
        int dreg = u32(a, NFTA_IMMEDIATE_DREG);
        NlAttrs data = a.get(NFTA_IMMEDIATE_DATA).nested();
        if (dreg == NFT_REG_VERDICT) {
          return new VerdictExpr(readVerdict(data.get(NFTA_DATA_VERDICT)));
        }
        return new Immediate(dreg, Bytes.of(data.get(NFTA_DATA_VALUE).bytes()));
      }
      case "lookup":
        return new Lookup(a.get(NFTA_LOOKUP_SET).string(), u32(a, NFTA_LOOKUP_SREG),
            a.has(NFTA_LOOKUP_DREG) ? u32(a, NFTA_LOOKUP_DREG) : Lookup.NO_DREG,
            (u32(a, NFTA_LOOKUP_FLAGS) & NFT_LOOKUP_F_INV) != 0);
      default:
        break;
    }
    return new UnknownExpr(name, raw == null ? Bytes.of() : Bytes.of(raw.bytes()));
  }

  static Verdict readVerdict(NlAttr verdict) {
    NlAttrs v = verdict.nested();
    Verdict.Kind kind = Verdict.Kind.of(v.get(NFTA_VERDICT_CODE).u32BigEndian());
    NlAttr chain = v.get(NFTA_VERDICT_CHAIN);
    return new Verdict(kind, chain == null ? null : chain.string());
  }

  /** The plain value inside the nft_data nest {@code type}. */
  static Bytes value(NlAttrs a, int type) {
    return Bytes.of(a.get(type).nested().get(NFTA_DATA_VALUE).bytes());
  }

  /** A big-endian u32 attribute, 0 when absent. */
  static int u32(NlAttrs a, int type) {
    NlAttr attr = a.get(type);
    return attr == null ? 0 : attr.u32BigEndian();
  }

  /** A big-endian u64 attribute, 0 when absent. */
  static long u64(NlAttrs a, int type) {
    NlAttr attr = a.get(type);
    return attr == null ? 0 : attr.u64BigEndian();
  }
}
