/**
 * nf_tables over netlink: tables, chains, rules with their expressions, sets and maps, changed in
 * atomic {@link dev.lanyard.netlink.nft.Batch}es and listed back as the same values, per namespace
 * through {@link dev.lanyard.netlink.nft.Nft}; change notifications through
 * {@link dev.lanyard.netlink.nft.NftMonitor}. Knows nothing of containers or Docker: {@link
 * dev.lanyard.netlink.nft.Match} and {@link dev.lanyard.netlink.nft.Action} compile nft's own syntax.
 */
package dev.lanyard.netlink.nft;
