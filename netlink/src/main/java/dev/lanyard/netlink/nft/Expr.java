package dev.lanyard.netlink.nft;

/**
 * One nf_tables expression of a rule. Each kind is a record holding exactly what goes on the wire,
 * so a rule read back from the kernel compares equal to the rule that was sent. {@link Match} and
 * {@link Action} build the usual combinations ({@code iifname "br0"}, {@code tcp dport 80},
 * {@code dnat to 172.17.0.2:80}).
 */
public sealed interface Expr
    permits MetaLoad, MetaSet, Payload, Cmp, Bitwise, Range, Ct, Counter, Nat, Masquerade, Redirect,
        Immediate, VerdictExpr, Lookup, UnknownExpr {

  /** The kernel's name of the expression type ({@code "meta"}, {@code "cmp"}, …). */
  String kind();
}
