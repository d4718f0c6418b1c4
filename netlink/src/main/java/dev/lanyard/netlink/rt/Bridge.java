package dev.lanyard.netlink.rt;

/** A Linux bridge ({@code kind "bridge"}). */
public record Bridge(LinkAttrs attrs) implements Link {
  public Bridge {
    if (attrs == null) {
      throw new IllegalArgumentException("bridge attrs are null");
    }
  }

  @Override
  public String kind() {
    return "bridge";
  }
}
