/**
 * Lanyard's IPAM drivers, {@code default} and {@code null}, registered as
 * {@link dev.lanyard.spi.IpamDriverProvider}s for {@link java.util.ServiceLoader}. Only the providers are
 * public; the drivers and their data structures are package-private.
 */
package dev.lanyard.ipam;
