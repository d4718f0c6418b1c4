package dev.lanyard.ipam;

/**
 * The taken addresses of one window of a pool, as offsets from the window's first address. Offsets
 * are non-negative longs (a window holds at most 2^63 addresses), so {@link #NONE} can never be one.
 * Not thread-safe: the owning {@link AddressPool} serialises access.
 */
sealed interface AddressSet permits DenseAddressSet, SparseAddressSet {
  /** "No such offset" from {@link #firstFree}. */
  long NONE = -1;

  /** Takes {@code offset}; false when it was already taken. */
  boolean add(long offset);

  /** Frees {@code offset}; false when it was not taken. */
  boolean remove(long offset);

  boolean contains(long offset);

  /** The lowest free offset in {@code [from, to]} (inclusive), or {@link #NONE}. */
  long firstFree(long from, long to);

  /** How many offsets are taken. */
  long count();

  /** How many offsets of {@code [from, to]} (inclusive) are taken. */
  long countIn(long from, long to);

  /**
   * A set for a window of 2^{@code hostBits} addresses (at most 63): a bitmap while that stays small
   * (≤ 2^24 addresses, at most 2 MiB), else a run-length set whose memory follows what is taken, not the
   * window's size.
   */
  static AddressSet forHostBits(int hostBits) {
    if (hostBits < 0 || hostBits > 63) {
      throw new IllegalArgumentException("host bits " + hostBits);
    }
    return hostBits <= DenseAddressSet.MAX_HOST_BITS ? new DenseAddressSet(1 << hostBits) : new SparseAddressSet();
  }
}
