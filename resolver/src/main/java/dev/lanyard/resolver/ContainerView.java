package dev.lanyard.resolver;

import java.nio.ByteBuffer;

/**
 * The names one container can resolve: for each of its user-defined networks in join order, that
 * network's names and this container's link aliases on it. Immutable; part of a {@link NameTable}.
 */
final class ContainerView {
  private final NameIndex[] networks;
  private final NameIndex[] links;
  private final boolean forwarding;

  ContainerView(NameIndex[] networks, NameIndex[] links, boolean forwarding) {
    this.networks = networks;
    this.links = links;
    this.forwarding = forwarding;
  }

  /** The entry of the first network that knows the wire name at {@code [off, off+len)}, or null. */
  NameEntry find(ByteBuffer buf, int off, int len, int hash) {
    for (int i = 0; i < networks.length; i++) {
      NameEntry linked = links[i].find(buf, off, len, hash);
      if (linked == NameEntry.MISSING_TARGET) {
        continue; // Docker: a link alias names its target only; a missing target is not found here
      }
      if (linked != null) {
        return linked;
      }
      NameEntry own = networks[i].find(buf, off, len, hash);
      if (own != null) {
        return own;
      }
    }
    return null;
  }

  NameEntry find(byte[] wire) {
    return find(ByteBuffer.wrap(wire), 0, wire.length, DnsNames.hash(wire));
  }

  /** Whether other names may be forwarded upstream (some network of the container is not internal). */
  boolean forwarding() {
    return forwarding;
  }
}
