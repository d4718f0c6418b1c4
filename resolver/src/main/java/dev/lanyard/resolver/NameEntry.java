package dev.lanyard.resolver;

import org.xbill.DNS.Name;

/**
 * What one name means on one network: its addresses as ready-to-copy RDATA (4 bytes per IPv4 address,
 * 16 per IPv6 address, in no particular order; answers are shuffled per query), or for a reverse name
 * the {@code name.network.} it points to.
 */
record NameEntry(byte[] ipv4, byte[] ipv6, Name pointer) {
  /** A link alias whose target is not on the network (yet): the alias says nothing on that network. */
  static final NameEntry MISSING_TARGET = new NameEntry(new byte[0], new byte[0], null);

  int ipv4Count() {
    return ipv4.length / 4;
  }

  int ipv6Count() {
    return ipv6.length / 16;
  }
}
