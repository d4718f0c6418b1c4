package dev.lanyard.ipam;

/**
 * A bitmap for windows of at most 2^24 addresses (an IPv4 /8), with summary levels on top: a bit of
 * level k+1 is set when its word of level k is full. Finding the lowest free address climbs to the
 * first level with a free bit at or after the start and descends again, so it takes a few word reads
 * even in a 99 %-full /8. The bitmap is stored in pages of 4096 bits made on first use, so a big window
 * that is little used stays small; pages are kept once made (at most 2 MiB for a /8), so a request and
 * release at the edge of a page does not allocate each time. Bits past the capacity are kept set, so
 * they are never found free.
 */
final class DenseAddressSet implements AddressSet {
  static final int MAX_HOST_BITS = 24;
  private static final int MAX_CAPACITY = 1 << MAX_HOST_BITS;
  private static final int WORDS_PER_PAGE_SHIFT = 6;
  private static final int WORDS_PER_PAGE = 1 << WORDS_PER_PAGE_SHIFT;

  private final int capacity;
  private final long[][] pages;
  /** levels[k]: bit i set when word i of the level below is full (level below of levels[0] is the bitmap). */
  private final long[][] levels;
  private long count;

  DenseAddressSet(int capacity) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
    int words = wordsFor(capacity);
    pages = new long[(words + WORDS_PER_PAGE - 1) >>> WORDS_PER_PAGE_SHIFT][];
    int depth = 0;
    for (int below = words; below > 1; below = wordsFor(below)) {
      depth++;
    }
    levels = new long[depth][];
    int bitsBelow = words;
    for (int k = 0; k < depth; k++) {
      levels[k] = new long[wordsFor(bitsBelow)];
      setPadding(levels[k], bitsBelow);
      bitsBelow = levels[k].length;
    }
    int padding = words * 64 - capacity;
    if (padding > 0) {
      long[] last = page(words - 1);
      last[(words - 1) & (WORDS_PER_PAGE - 1)] = -1L << (64 - padding);
    }
  }

  private static int wordsFor(int bits) {
    return (bits + 63) >>> 6;
  }

  private static void setPadding(long[] level, int bits) {
    int used = bits & 63;
    if (used != 0) {
      level[level.length - 1] = -1L << used;
    }
  }

  private long[] page(int word) {
    int p = word >>> WORDS_PER_PAGE_SHIFT;
    long[] page = pages[p];
    if (page == null) {
      page = new long[WORDS_PER_PAGE];
      pages[p] = page;
    }
    return page;
  }

  private long word(int word) {
    long[] page = pages[word >>> WORDS_PER_PAGE_SHIFT];
    return page == null ? 0 : page[word & (WORDS_PER_PAGE - 1)];
  }

  @Override
  public boolean add(long offset) {
    checkOffset(offset);
    int wi = (int) (offset >>> 6);
    long bit = 1L << offset;
    long[] page = page(wi);
    int slot = wi & (WORDS_PER_PAGE - 1);
    long w = page[slot];
    if ((w & bit) != 0) {
      return false;
    }
    w |= bit;
    page[slot] = w;
    count++;
    if (w == -1L) {
      markFull(wi);
    }
    return true;
  }

  @Override
  public boolean remove(long offset) {
    checkOffset(offset);
    int wi = (int) (offset >>> 6);
    long[] page = pages[wi >>> WORDS_PER_PAGE_SHIFT];
    long bit = 1L << offset;
    int slot = wi & (WORDS_PER_PAGE - 1);
    if (page == null || (page[slot] & bit) == 0) {
      return false;
    }
    long before = page[slot];
    page[slot] = before & ~bit;
    count--;
    if (before == -1L) {
      markNotFull(wi);
    }
    return true;
  }

  private void markFull(int index) {
    for (long[] level : levels) {
      int j = index >>> 6;
      long w = level[j] | (1L << index);
      level[j] = w;
      if (w != -1L) {
        return;
      }
      index = j;
    }
  }

  private void markNotFull(int index) {
    for (long[] level : levels) {
      int j = index >>> 6;
      long before = level[j];
      level[j] = before & ~(1L << index);
      if (before != -1L) {
        return;
      }
      index = j;
    }
  }

  @Override
  public boolean contains(long offset) {
    checkOffset(offset);
    return (word((int) (offset >>> 6)) & (1L << offset)) != 0;
  }

  @Override
  public long firstFree(long from, long to) {
    if (from > to || from >= capacity) {
      return NONE;
    }
    long found = nextClear((int) from);
    return found != NONE && found <= to ? found : NONE;
  }

  /** The lowest clear bit at or after {@code from}, or NONE. */
  private long nextClear(int from) {
    int wi = from >>> 6;
    long free = ~word(wi) & (-1L << from);
    if (free != 0) {
      return ((long) wi << 6) + Long.numberOfTrailingZeros(free);
    }
    // climb to the first level that has a non-full entry after the one just searched
    int index = wi + 1;
    int level = 0;
    for (; level < levels.length; level++) {
      long[] bits = levels[level];
      int j = index >>> 6;
      if (j >= bits.length) {
        return NONE;
      }
      long notFull = ~bits[j] & (-1L << index);
      if (notFull != 0) {
        index = (j << 6) + Long.numberOfTrailingZeros(notFull);
        break;
      }
      index = j + 1;
    }
    if (level == levels.length) {
      return NONE;
    }
    // descend: each step picks the first non-full entry of the word found above
    for (int k = level - 1; k >= 0; k--) {
      index = (index << 6) + Long.numberOfTrailingZeros(~levels[k][index]);
    }
    return ((long) index << 6) + Long.numberOfTrailingZeros(~word(index));
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long countIn(long from, long to) {
    long hi = Math.min(to, capacity - 1L);
    if (from > hi) {
      return 0;
    }
    int first = (int) (from >>> 6);
    int last = (int) (hi >>> 6);
    long taken = 0;
    for (int wi = first; wi <= last; wi++) {
      long w = word(wi);
      if (wi == first) {
        w &= -1L << from;
      }
      if (wi == last) {
        w &= -1L >>> (63 - (hi & 63));
      }
      taken += Long.bitCount(w);
    }
    return taken;
  }

  private void checkOffset(long offset) {
    if (offset < 0 || offset >= capacity) {
      throw new IllegalArgumentException("offset " + offset + " outside a window of " + capacity);
    }
  }
}
