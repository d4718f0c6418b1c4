package dev.lanyard.netlink.rt;

/**
 * A veth pair end ({@code kind "veth"}). To create a pair, {@code peer} gives the other end's name
 * (and optionally MTU, MAC; not up: the kernel cannot open a peer before the pair is linked); where it is created is an argument of the operation
 * ({@link RtNetlink#addVeth}). Read from the kernel, {@code peer} carries only the peer's ifindex
 * (in the peer's namespace) and a null name.
 */
public record Veth(LinkAttrs attrs, LinkAttrs peer) implements Link {
  public Veth {
    if (attrs == null || peer == null) {
      throw new IllegalArgumentException("veth attrs and peer must be given");
    }
    if (peer.isUp()) {
      // veth configures the peer before linking the pair, so the kernel answers ENOTCONN
      throw new IllegalArgumentException("veth peer " + peer.name() + " cannot be created up; set it up afterwards");
    }
  }

  /** A new pair {@code name} — {@code peerName}. */
  public static Veth pair(String name, String peerName) {
    return new Veth(LinkAttrs.named(name), LinkAttrs.named(peerName));
  }

  @Override
  public String kind() {
    return "veth";
  }
}
