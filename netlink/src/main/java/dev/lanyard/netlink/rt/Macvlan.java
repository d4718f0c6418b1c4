package dev.lanyard.netlink.rt;

/** A macvlan device ({@code kind "macvlan"}) on the parent link {@code parentIndex} ({@code IFLA_LINK}). */
public record Macvlan(LinkAttrs attrs, int parentIndex, MacvlanMode mode) implements Link {
  public Macvlan {
    if (attrs == null || mode == null) {
      throw new IllegalArgumentException("macvlan attrs and mode must be given");
    }
    if (parentIndex <= 0) {
      throw new IllegalArgumentException("macvlan " + attrs.name() + " needs a parent link, got index " + parentIndex);
    }
  }

  @Override
  public String kind() {
    return "macvlan";
  }
}
