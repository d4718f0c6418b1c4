package dev.lanyard.spi;

import java.net.InetAddress;
import java.util.Map;

/**
 * Hands out address pools and addresses, like libnetwork's {@code ipamapi.Ipam}. The controller is
 * its only caller and serialises calls per pool; implementations must still be safe to call from
 * several threads.
 *
 * <p>Errors are {@link dev.lanyard.NetworkException}s with Docker's wording: "Pool overlaps with other
 * one on this address space" (conflict), "all predefined address pools have been fully subnetted"
 * (unavailable), "Address already in use" (conflict), "no available addresses on this pool"
 * (unavailable), "requested address is out of range" (invalid parameter). A failed call changes nothing.
 */
public interface IpamDriver {
  /** Option of {@link #requestAddress}: what the address is for; value {@link #GATEWAY} for a gateway. */
  String REQUEST_ADDRESS_TYPE = "RequestAddressType";

  /** Value of {@link #REQUEST_ADDRESS_TYPE} for a network's gateway. */
  String GATEWAY = "com.docker.network.gateway";

  /** Pool option: allocate addresses serially (after the last one handed out, wrapping) instead of lowest-free. */
  String SERIAL = "com.docker.network.ipam.serial";

  /**
   * Reserves a pool: the requested subnet, or when none is given, the lowest free predefined pool of the
   * request's scope and family.
   */
  Pool requestPool(PoolRequest request);

  /** Releases a pool and every address in it; unknown ids are a {@link dev.lanyard.NotFoundException}. */
  void releasePool(String poolId);

  /**
   * Hands out an address of the pool: {@code preferred} if given (anywhere in the subnet, also outside
   * the ip-range), else the lowest free one of the range (or the next one, in serial mode). A gateway
   * request ({@link #REQUEST_ADDRESS_TYPE}={@link #GATEWAY}) without {@code preferred} gets the first
   * address of the subnet.
   *
   * @param preferred the address wanted, or null for any
   * @return the address, or null from a driver that hands out none (the {@code null} driver)
   */
  InetAddress requestAddress(String poolId, InetAddress preferred, Map<String, String> options);

  /** Returns an address to the pool; releasing one that is not allocated is a no-op. */
  void releaseAddress(String poolId, InetAddress address);

  /** Usage of the pool's subnet, for inspect's {@code Status.IPAM}. */
  PoolStatus status(String poolId);
}
