package dev.lanyard.netlink.nft;

import java.util.Optional;

/**
 * One nf_tables change notification: what changed, in which family and table, and the name of the
 * chain or set it concerns (or of the table). {@link Kind#NEW_GENERATION} closes each committed batch
 * and carries the new generation id.
 */
public record NftEvent(Kind kind, Optional<Family> family, String table, String name, long generation) {
  /** The message types of the NFNLGRP_NFTABLES group. */
  public enum Kind {
    NEW_TABLE(NfTables.NFT_MSG_NEWTABLE),
    DELETE_TABLE(NfTables.NFT_MSG_DELTABLE),
    NEW_CHAIN(NfTables.NFT_MSG_NEWCHAIN),
    DELETE_CHAIN(NfTables.NFT_MSG_DELCHAIN),
    NEW_RULE(NfTables.NFT_MSG_NEWRULE),
    DELETE_RULE(NfTables.NFT_MSG_DELRULE),
    NEW_SET(NfTables.NFT_MSG_NEWSET),
    DELETE_SET(NfTables.NFT_MSG_DELSET),
    NEW_ELEMENTS(NfTables.NFT_MSG_NEWSETELEM),
    DELETE_ELEMENTS(NfTables.NFT_MSG_DELSETELEM),
    NEW_GENERATION(NfTables.NFT_MSG_NEWGEN);

    private final int msg;

    Kind(int msg) {
      this.msg = msg;
    }

    static Optional<Kind> of(int msg) {
      for (Kind k : values()) {
        if (k.msg == msg) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }
}
