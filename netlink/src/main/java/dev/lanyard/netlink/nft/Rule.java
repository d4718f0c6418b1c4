package dev.lanyard.netlink.nft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule: where it lives, its expressions, an optional comment (stored as {@code nft} stores it, so
 * {@code nft list ruleset} prints {@code comment "…"}), and the kernel's handle (0 before it is added).
 *
 * <pre>{@code
 * Rule r = Rule.in(Family.INET, "filter", "forward")
 *     .add(Match.iifname("br0"))
 *     .add(Match.tcpDport(8080))
 *     .add(Action.accept())
 *     .comment("published port")
 *     .build();
 * }</pre>
 */
public record Rule(Family family, String table, String chain, List<Expr> exprs, Optional<String> comment,
    long handle) {
  /** nft's comment limit (NFT_USERDATA_MAXLEN less the TLV header and NUL). */
  public static final int MAX_COMMENT_BYTES = 128;

  public Rule {
    Objects.requireNonNull(family, "family");
    Names.require("table", table);
    Names.require("chain", chain);
    exprs = List.copyOf(exprs);
    Objects.requireNonNull(comment, "comment");
    comment.ifPresent(Rule::checkComment);
  }

  /** Starts building a rule for {@code chain} of {@code table}. */
  public static Builder in(Family family, String table, String chain) {
    return new Builder(family, table, chain);
  }

  /** This rule with another kernel handle (0 to compare a listed rule with one built). */
  public Rule withHandle(long newHandle) {
    return new Rule(family, table, chain, exprs, comment, newHandle);
  }

  private static void checkComment(String comment) {
    int bytes = comment.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > MAX_COMMENT_BYTES || comment.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("rule comment must be 1.." + MAX_COMMENT_BYTES
          + " bytes without NUL: \"" + comment + "\"");
    }
  }

  @Override
  public String toString() {
    return "rule " + family.nftName() + " " + table + " " + chain + (handle != 0 ? " handle " + handle : "")
        + " " + exprs + comment.map(c -> " comment \"" + c + "\"").orElse("");
  }

  /** Collects expressions in order; {@link #build()} makes the rule. */
  public static final class Builder {
    private final Family family;
    private final String table;
    private final String chain;
    private final List<Expr> exprs = new ArrayList<>();
    private String comment;

    private Builder(Family family, String table, String chain) {
      this.family = Objects.requireNonNull(family, "family");
      this.table = Names.require("table", table);
      this.chain = Names.require("chain", chain);
    }

    public Builder add(Expr... more) {
      exprs.addAll(List.of(more));
      return this;
    }

    public Builder add(List<? extends Expr> more) {
      exprs.addAll(more);
      return this;
    }

    public Builder comment(String text) {
      checkComment(text);
      this.comment = text;
      return this;
    }

    public Rule build() {
      return new Rule(family, table, chain, exprs, Optional.ofNullable(comment), 0);
    }
  }
}
