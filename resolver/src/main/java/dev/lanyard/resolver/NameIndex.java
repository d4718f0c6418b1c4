package dev.lanyard.resolver;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * An immutable open-addressing hash table from lower-case wire names to {@link NameEntry}. Lookups read
 * the name straight out of a packet buffer, folding case as they compare, so the hot path allocates
 * nothing.
 */
final class NameIndex {
  static final NameIndex EMPTY = new NameIndex(Map.of());

  private final byte[][] keys;
  private final NameEntry[] values;
  private final int mask;

  /** {@code entries} maps lower-case wire names (see {@link DnsNames#wire}) to entries. */
  NameIndex(Map<ByteArrayKey, NameEntry> entries) {
    int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
    keys = new byte[capacity][];
    values = new NameEntry[capacity];
    mask = capacity - 1;
    entries.forEach((key, value) -> {
      int i = DnsNames.hash(key.bytes()) & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = key.bytes();
      values[i] = value;
    });
  }

  /** The entry for the wire name at {@code [off, off+len)} of {@code buf}, whose {@link DnsNames#hash} is {@code hash}. */
  NameEntry find(ByteBuffer buf, int off, int len, int hash) {
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      byte[] key = keys[i];
      if (key == null) {
        return null;
      }
      if (key.length == len && sameFolded(key, buf, off)) {
        return values[i];
      }
    }
  }

  NameEntry find(byte[] wire) {
    return find(ByteBuffer.wrap(wire), 0, wire.length, DnsNames.hash(wire));
  }

  private static boolean sameFolded(byte[] key, ByteBuffer buf, int off) {
    for (int i = 0; i < key.length; i++) {
      if (key[i] != DnsNames.lower(buf.get(off + i))) {
        return false;
      }
    }
    return true;
  }

  /** A byte array with value equality, for building the table. */
  record ByteArrayKey(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ByteArrayKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return Arrays.toString(bytes);
    }
  }
}
