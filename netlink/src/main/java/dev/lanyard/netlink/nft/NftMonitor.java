package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.NfTables.*;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.Netlink;
import dev.lanyard.netlink.NetlinkSocket;
import dev.lanyard.netlink.NlAttr;
import dev.lanyard.netlink.NlAttrs;
import dev.lanyard.netlink.NlMessage;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches nf_tables changes in one namespace (the NFNLGRP_NFTABLES multicast group), e.g. to notice
 * that someone ran {@code nft flush ruleset} and restore one's own tables.
 *
 * <pre>{@code
 * try (NftMonitor monitor = NftMonitor.openIn(ns)) {
 *   while (running) {
 *     monitor.poll(event -> {
 *       if (event.kind() == NftEvent.Kind.DELETE_TABLE && event.table().equals("mine")) restore();
 *     });
 *   }
 * }
 * }</pre>
 *
 * <p>Events are those committed after {@link #openIn} returns. {@link #poll} blocks the calling thread
 * (any thread; the socket stays bound to the namespace it was opened in) until a notification arrives
 * or the socket's receive timeout passes. Not for concurrent polling from several threads. If the
 * kernel had to drop notifications because nobody polled, {@code poll} throws an
 * {@link dev.lanyard.netlink.ErrnoException} with ENOBUFS: compare {@link Nft#generation()} and re-read.
 */
public final class NftMonitor implements AutoCloseable {
  private final NetlinkSocket socket;

  private NftMonitor(NetlinkSocket socket) {
    this.socket = socket;
  }

  public static NftMonitor openIn(NetNs ns) {
    NetlinkSocket socket = NetlinkSocket.openIn(ns, Netlink.NETLINK_NETFILTER);
    try {
      socket.joinGroup(NfNetlink.NFNLGRP_NFTABLES);
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
    return new NftMonitor(socket);
  }

  /**
   * Gives the events of the next datagram to {@code onEvent}; returns false if none arrived before
   * the receive timeout (30 s).
   */
  public boolean poll(Consumer<NftEvent> onEvent) {
    return socket.receiveNotifications(m -> event(m).ifPresent(onEvent));
  }

  static Optional<NftEvent> event(NlMessage m) {
    if ((m.type() >> 8) != NfNetlink.NFNL_SUBSYS_NFTABLES) {
      return Optional.empty();
    }
    Optional<NftEvent.Kind> kind = NftEvent.Kind.of(m.type() & 0xff);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    NlAttrs a = NftCodec.attrs(m);
    int familyCode = NftCodec.family(m);
    Optional<Family> family = familyCode == Netfilter.NFPROTO_UNSPEC ? Optional.empty() : Optional.of(Family.of(familyCode));
    switch (kind.get()) {
      case NEW_TABLE, DELETE_TABLE:
        return Optional.of(new NftEvent(kind.get(), family, string(a, NFTA_TABLE_NAME), string(a, NFTA_TABLE_NAME), 0));
      case NEW_CHAIN, DELETE_CHAIN:
        return Optional.of(new NftEvent(kind.get(), family, string(a, NFTA_CHAIN_TABLE), string(a, NFTA_CHAIN_NAME), 0));
      case NEW_RULE, DELETE_RULE:
        return Optional.of(new NftEvent(kind.get(), family, string(a, NFTA_RULE_TABLE), string(a, NFTA_RULE_CHAIN), 0));
      case NEW_SET, DELETE_SET:
        return Optional.of(new NftEvent(kind.get(), family, string(a, NFTA_SET_TABLE), string(a, NFTA_SET_NAME), 0));
      case NEW_ELEMENTS, DELETE_ELEMENTS:
        return Optional.of(new NftEvent(kind.get(), family, string(a, NFTA_SET_ELEM_LIST_TABLE),
            string(a, NFTA_SET_ELEM_LIST_SET), 0));
      default:
        return Optional.of(new NftEvent(kind.get(), family, "", "",
            Integer.toUnsignedLong(ExprCodec.u32(a, NFTA_GEN_ID))));
    }
  }

  private static String string(NlAttrs a, int type) {
    NlAttr attr = a.get(type);
    return attr == null ? "" : attr.string();
  }

  @Override
  public void close() {
    socket.close();
  }
}
