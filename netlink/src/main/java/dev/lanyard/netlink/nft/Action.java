package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.NfTables.NFT_REG_1;
import static dev.lanyard.netlink.nft.NfTables.NFT_REG_2;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Statements as {@code nft} compiles them: verdicts, {@code counter}, {@code dnat to ADDR:PORT},
 * {@code snat to ADDR}, {@code masquerade}, {@code redirect to :PORT}, {@code meta mark set M}. NAT
 * loads the address into register 1 and the port into register 2, as nft does.
 */
public final class Action {
  private Action() {}

  public static Expr accept() {
    return new VerdictExpr(Verdict.ACCEPT);
  }

  public static Expr drop() {
    return new VerdictExpr(Verdict.DROP);
  }

  /** {@code return}: back to the chain that jumped here. */
  public static Expr ret() {
    return new VerdictExpr(Verdict.RETURN);
  }

  /** {@code continue}. */
  public static Expr cont() {
    return new VerdictExpr(Verdict.CONTINUE);
  }

  public static Expr jump(String chain) {
    return new VerdictExpr(Verdict.jump(chain));
  }

  public static Expr goTo(String chain) {
    return new VerdictExpr(Verdict.goTo(chain));
  }

  public static Expr counter() {
    return Counter.zero();
  }

  /** {@code dnat to ADDR}. */
  public static List<Expr> dnat(InetAddress address) {
    return nat(NatType.DNAT, address, 0);
  }

  /** {@code dnat to ADDR:PORT}. */
  public static List<Expr> dnat(InetAddress address, int port) {
    return nat(NatType.DNAT, address, requirePort(port));
  }

  /** {@code snat to ADDR}. */
  public static List<Expr> snat(InetAddress address) {
    return nat(NatType.SNAT, address, 0);
  }

  /** {@code snat to ADDR:PORT}. */
  public static List<Expr> snat(InetAddress address, int port) {
    return nat(NatType.SNAT, address, requirePort(port));
  }

  private static List<Expr> nat(NatType type, InetAddress address, int port) {
    Family family = address instanceof Inet4Address ? Family.IP : Family.IP6;
    Immediate addr = new Immediate(NFT_REG_1, Bytes.address(address));
    if (port == 0) {
      return List.of(addr, new Nat(type, family, NFT_REG_1, 0, 0, 0, 0));
    }
    return List.of(addr, new Immediate(NFT_REG_2, Bytes.port(port)), new Nat(type, family, NFT_REG_1, 0, NFT_REG_2, 0, 0));
  }

  /** {@code masquerade}. */
  public static Expr masquerade() {
    return Masquerade.plain();
  }

  /** {@code redirect to :PORT}. */
  public static List<Expr> redirect(int port) {
    return List.of(new Immediate(NFT_REG_1, Bytes.port(requirePort(port))), new Redirect(NFT_REG_1, 0, 0));
  }

  /** {@code meta mark set MARK}. */
  public static List<Expr> setMark(int mark) {
    return List.of(new Immediate(NFT_REG_1, Bytes.u32Host(mark)), new MetaSet(MetaKey.MARK, NFT_REG_1));
  }

  private static int requirePort(int port) {
    if (port < 1 || port > 0xffff) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    return port;
  }
}
