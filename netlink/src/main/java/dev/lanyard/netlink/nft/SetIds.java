package dev.lanyard.netlink.nft;

/** The transaction ids of sets added earlier in the same batch, by name; 0 for sets that already exist. */
@FunctionalInterface
interface SetIds {
  SetIds NONE = name -> 0;

  int idOf(String set);
}
