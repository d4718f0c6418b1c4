package dev.lanyard.netlink.rt;

/** A link of a kind this toolkit has no record for (loopback, dummy, bond, …); created with its kind only. */
public record GenericLink(LinkAttrs attrs, String kind) implements Link {
  public GenericLink {
    if (attrs == null || kind == null) {
      throw new IllegalArgumentException("link attrs and kind must be given (kind may be empty)");
    }
  }
}
