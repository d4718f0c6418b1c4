package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.NfTables.NFT_REG_1;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Matches as {@code nft} compiles them, each a short list of expressions loading into register 1 and
 * comparing: {@code iifname "br0"}, {@code ip daddr 10.0.0.0/8}, {@code tcp dport 80},
 * {@code ct state established,related}. Rules built from these read back from {@code nft -j} like the
 * same rule written in nft syntax.
 *
 * <p>In {@code inet} (and {@code bridge}) tables nft guards address matches with the network protocol:
 * add {@link #ipv4()} / {@link #ipv6()} before {@link #ipDaddr} and friends there, as nft does.
 */
public final class Match {
  /** IP protocol numbers. */
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int SCTP = 132;
  public static final int ICMP = 1;
  public static final int ICMPV6 = 58;

  private static final int IPV4_SADDR = 12;
  private static final int IPV4_DADDR = 16;
  private static final int IPV6_SADDR = 8;
  private static final int IPV6_DADDR = 24;
  private static final int SPORT = 0;
  private static final int DPORT = 2;

  private Match() {}

  /** {@code iifname "NAME"}. */
  public static List<Expr> iifname(String name) {
    return meta(MetaKey.IIFNAME, CmpOp.EQ, Bytes.ifname(name));
  }

  /** {@code iifname != "NAME"}. */
  public static List<Expr> iifnameNot(String name) {
    return meta(MetaKey.IIFNAME, CmpOp.NEQ, Bytes.ifname(name));
  }

  /** {@code oifname "NAME"}. */
  public static List<Expr> oifname(String name) {
    return meta(MetaKey.OIFNAME, CmpOp.EQ, Bytes.ifname(name));
  }

  /** {@code oifname != "NAME"}. */
  public static List<Expr> oifnameNot(String name) {
    return meta(MetaKey.OIFNAME, CmpOp.NEQ, Bytes.ifname(name));
  }

  /** {@code meta l4proto PROTO}. */
  public static List<Expr> l4proto(int protocol) {
    return meta(MetaKey.L4PROTO, CmpOp.EQ, Bytes.u8(protocol));
  }

  /** {@code meta nfproto ipv4}: what nft puts before {@code ip …} matches in inet tables. */
  public static List<Expr> ipv4() {
    return meta(MetaKey.NFPROTO, CmpOp.EQ, Bytes.u8(Family.IP.code()));
  }

  /** {@code meta nfproto ipv6}. */
  public static List<Expr> ipv6() {
    return meta(MetaKey.NFPROTO, CmpOp.EQ, Bytes.u8(Family.IP6.code()));
  }

  /** {@code meta mark MARK}. */
  public static List<Expr> mark(int mark) {
    return meta(MetaKey.MARK, CmpOp.EQ, Bytes.u32Host(mark));
  }

  /** {@code meta KEY OP VALUE}. */
  public static List<Expr> meta(MetaKey key, CmpOp op, Bytes value) {
    return List.of(new MetaLoad(key, NFT_REG_1), new Cmp(op, NFT_REG_1, value));
  }

  /** {@code ip saddr NET/LEN} or {@code ip6 saddr NET/LEN}, by the address's family. */
  public static List<Expr> ipSaddr(InetAddress network, int prefixLength) {
    return address(network, prefixLength, true, false);
  }

  /** {@code ip daddr NET/LEN} or {@code ip6 daddr NET/LEN}. */
  public static List<Expr> ipDaddr(InetAddress network, int prefixLength) {
    return address(network, prefixLength, false, false);
  }

  /** {@code ip saddr != NET/LEN}. */
  public static List<Expr> ipSaddrNot(InetAddress network, int prefixLength) {
    return address(network, prefixLength, true, true);
  }

  /** {@code ip daddr != NET/LEN}. */
  public static List<Expr> ipDaddrNot(InetAddress network, int prefixLength) {
    return address(network, prefixLength, false, true);
  }

  /**
   * An address prefix as nft compiles it: whole bytes are loaded and compared directly; a prefix that
   * ends inside a byte loads the full address and masks it with a {@link Bitwise}.
   */
  private static List<Expr> address(InetAddress network, int prefixLength, boolean source, boolean negated) {
    boolean v4 = network instanceof Inet4Address;
    int length = v4 ? 4 : 16;
    if (prefixLength < 1 || prefixLength > length * 8) {
      throw new IllegalArgumentException("prefix length of " + network.getHostAddress() + " must be 1.."
          + length * 8 + ": " + prefixLength);
    }
    int offset = v4 ? (source ? IPV4_SADDR : IPV4_DADDR) : (source ? IPV6_SADDR : IPV6_DADDR);
    Bytes address = Bytes.address(network);
    CmpOp op = negated ? CmpOp.NEQ : CmpOp.EQ;
    if (prefixLength % 8 == 0) {
      int bytes = prefixLength / 8;
      return List.of(new Payload(PayloadBase.NETWORK, offset, bytes, NFT_REG_1),
          new Cmp(op, NFT_REG_1, address.head(bytes)));
    }
    Bytes mask = Bytes.prefixMask(length, prefixLength);
    return List.of(new Payload(PayloadBase.NETWORK, offset, length, NFT_REG_1),
        new Bitwise(NFT_REG_1, NFT_REG_1, mask, Bytes.zeros(length)),
        new Cmp(op, NFT_REG_1, address.and(mask)));
  }

  /** {@code ip daddr @SET} (or {@code != @SET}): the IPv4 destination is in a named set. */
  public static List<Expr> ipDaddrInSet(String set, boolean negated) {
    return List.of(new Payload(PayloadBase.NETWORK, IPV4_DADDR, 4, NFT_REG_1), Lookup.in(set, NFT_REG_1, negated));
  }

  /** {@code ip saddr @SET} (or {@code != @SET}). */
  public static List<Expr> ipSaddrInSet(String set, boolean negated) {
    return List.of(new Payload(PayloadBase.NETWORK, IPV4_SADDR, 4, NFT_REG_1), Lookup.in(set, NFT_REG_1, negated));
  }

  /** {@code iifname vmap @MAP}: the verdict mapped from the input interface. */
  public static List<Expr> iifnameVmap(String map) {
    return List.of(new MetaLoad(MetaKey.IIFNAME, NFT_REG_1), Lookup.verdictMap(map, NFT_REG_1));
  }

  /** {@code oifname vmap @MAP}. */
  public static List<Expr> oifnameVmap(String map) {
    return List.of(new MetaLoad(MetaKey.OIFNAME, NFT_REG_1), Lookup.verdictMap(map, NFT_REG_1));
  }

  /** {@code tcp dport PORT}. */
  public static List<Expr> tcpDport(int port) {
    return port(TCP, DPORT, port);
  }

  /** {@code tcp sport PORT}. */
  public static List<Expr> tcpSport(int port) {
    return port(TCP, SPORT, port);
  }

  /** {@code udp dport PORT}. */
  public static List<Expr> udpDport(int port) {
    return port(UDP, DPORT, port);
  }

  /** {@code udp sport PORT}. */
  public static List<Expr> udpSport(int port) {
    return port(UDP, SPORT, port);
  }

  /** {@code sctp dport PORT}. */
  public static List<Expr> sctpDport(int port) {
    return port(SCTP, DPORT, port);
  }

  /** {@code sctp sport PORT}. */
  public static List<Expr> sctpSport(int port) {
    return port(SCTP, SPORT, port);
  }

  /** {@code PROTO dport PORT} for TCP, UDP or SCTP (all carry ports at the same offsets). */
  public static List<Expr> dport(int protocol, int port) {
    return port(protocol, DPORT, port);
  }

  /** {@code PROTO dport FIRST-LAST}, as nft compiles it: two comparisons. */
  public static List<Expr> dportRange(int protocol, int first, int last) {
    checkRange(first, last);
    List<Expr> out = new ArrayList<>(portLoad(protocol, DPORT));
    out.add(new Cmp(CmpOp.GTE, NFT_REG_1, Bytes.port(first)));
    out.add(new Cmp(CmpOp.LTE, NFT_REG_1, Bytes.port(last)));
    return out;
  }

  /** {@code PROTO dport != FIRST-LAST}, as nft compiles it: a negated {@link Range}. */
  public static List<Expr> dportNotInRange(int protocol, int first, int last) {
    checkRange(first, last);
    List<Expr> out = new ArrayList<>(portLoad(protocol, DPORT));
    out.add(new Range(true, NFT_REG_1, Bytes.port(first), Bytes.port(last)));
    return out;
  }

  /** {@code ct state S1,S2…}: any of the states. */
  public static List<Expr> ctState(CtState... states) {
    int bits = 0;
    for (CtState s : states) {
      bits |= s.bit();
    }
    return ctBits(CtKey.STATE, bits);
  }

  /** {@code ct status BITS} ({@code NfConntrackCommon.IPS_…}): any of the bits, e.g. {@code ct status dnat}. */
  public static List<Expr> ctStatus(int bits) {
    return ctBits(CtKey.STATUS, bits);
  }

  private static List<Expr> ctBits(CtKey key, int bits) {
    if (bits == 0) {
      throw new IllegalArgumentException("ct " + key.name().toLowerCase(Locale.ROOT) + " needs at least one bit");
    }
    return List.of(new Ct(key, NFT_REG_1),
        new Bitwise(NFT_REG_1, NFT_REG_1, Bytes.u32Host(bits), Bytes.zeros(4)),
        new Cmp(CmpOp.NEQ, NFT_REG_1, Bytes.zeros(4)));
  }

  private static List<Expr> port(int protocol, int offset, int port) {
    List<Expr> out = new ArrayList<>(portLoad(protocol, offset));
    out.add(new Cmp(CmpOp.EQ, NFT_REG_1, Bytes.port(port)));
    return out;
  }

  private static List<Expr> portLoad(int protocol, int offset) {
    if (protocol != TCP && protocol != UDP && protocol != SCTP) {
      throw new IllegalArgumentException("ports need tcp (6), udp (17) or sctp (132), not protocol " + protocol);
    }
    List<Expr> out = new ArrayList<>(l4proto(protocol));
    out.add(new Payload(PayloadBase.TRANSPORT, offset, 2, NFT_REG_1));
    return out;
  }

  private static void checkRange(int first, int last) {
    Bytes.port(first);
    Bytes.port(last);
    if (first > last) {
      throw new IllegalArgumentException("port range " + first + "-" + last + " is empty");
    }
  }
}
