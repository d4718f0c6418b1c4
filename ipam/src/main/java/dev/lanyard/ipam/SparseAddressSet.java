package dev.lanyard.ipam;

import java.util.Arrays;

/**
 * Taken offsets as maximal runs {@code [starts[i], ends[i]]}, sorted and never adjacent, in two
 * primitive arrays: 16 bytes per run whatever the window's size, so an IPv6 /64 costs what is
 * allocated. Dynamically handed-out addresses grow one run, so a busy range stays a handful of runs.
 * Lookups are a binary search; adding or removing in the middle shifts the arrays (fine for the
 * tens of thousands of runs an IPv6 network can realistically hold).
 */
final class SparseAddressSet implements AddressSet {
  private long[] starts = new long[4];
  private long[] ends = new long[4];
  private int runs;
  private long count;

  @Override
  public boolean add(long offset) {
    int i = floor(offset);
    if (i >= 0 && ends[i] >= offset) {
      return false;
    }
    boolean joinsLeft = i >= 0 && ends[i] == offset - 1;
    boolean joinsRight = i + 1 < runs && starts[i + 1] == offset + 1;
    if (joinsLeft && joinsRight) {
      ends[i] = ends[i + 1];
      removeRun(i + 1);
    } else if (joinsLeft) {
      ends[i] = offset;
    } else if (joinsRight) {
      starts[i + 1] = offset;
    } else {
      insertRun(i + 1, offset, offset);
    }
    count++;
    return true;
  }

  @Override
  public boolean remove(long offset) {
    int i = floor(offset);
    if (i < 0 || ends[i] < offset) {
      return false;
    }
    long start = starts[i];
    long end = ends[i];
    if (start == end) {
      removeRun(i);
    } else if (offset == start) {
      starts[i] = offset + 1;
    } else if (offset == end) {
      ends[i] = offset - 1;
    } else {
      ends[i] = offset - 1;
      insertRun(i + 1, offset + 1, end);
    }
    count--;
    return true;
  }

  @Override
  public boolean contains(long offset) {
    int i = floor(offset);
    return i >= 0 && ends[i] >= offset;
  }

  @Override
  public long firstFree(long from, long to) {
    int i = floor(from);
    if (i < 0 || ends[i] < from) {
      return from <= to ? from : NONE;
    }
    // runs are maximal, so the address after a run is free (unless the window ends there: overflow)
    long next = ends[i] + 1;
    return next >= 0 && next <= to ? next : NONE;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long countIn(long from, long to) {
    long taken = 0;
    for (int i = Math.max(0, floor(from)); i < runs && starts[i] <= to; i++) {
      long lo = Math.max(from, starts[i]);
      long hi = Math.min(to, ends[i]);
      if (lo <= hi) {
        taken += hi - lo + 1;
      }
    }
    return taken;
  }

  /** Index of the last run starting at or before {@code offset}, or -1. */
  private int floor(long offset) {
    int lo = 0;
    int hi = runs - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= offset) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi;
  }

  private void insertRun(int at, long start, long end) {
    if (runs == starts.length) {
      int grown = runs + (runs >> 1) + 1;
      starts = Arrays.copyOf(starts, grown);
      ends = Arrays.copyOf(ends, grown);
    }
    System.arraycopy(starts, at, starts, at + 1, runs - at);
    System.arraycopy(ends, at, ends, at + 1, runs - at);
    starts[at] = start;
    ends[at] = end;
    runs++;
  }

  private void removeRun(int at) {
    System.arraycopy(starts, at + 1, starts, at, runs - at - 1);
    System.arraycopy(ends, at + 1, ends, at, runs - at - 1);
    runs--;
    if (runs > 16 && runs < starts.length / 4) {
      starts = Arrays.copyOf(starts, runs * 2);
      ends = Arrays.copyOf(ends, runs * 2);
    }
  }
}
