package dev.lanyard.netlink.nft;

import java.util.EnumSet;
import java.util.Set;

/** Set flags a caller chooses ({@code NFT_SET_…}); {@code map} follows from having a data type. */
public enum SetFlag {
  CONSTANT(NfTables.NFT_SET_CONSTANT),
  INTERVAL(NfTables.NFT_SET_INTERVAL),
  TIMEOUT(NfTables.NFT_SET_TIMEOUT);

  private final int bit;

  SetFlag(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  static int bits(Set<SetFlag> flags) {
    int bits = 0;
    for (SetFlag f : flags) {
      bits |= f.bit;
    }
    return bits;
  }

  static Set<SetFlag> of(int bits) {
    Set<SetFlag> out = EnumSet.noneOf(SetFlag.class);
    for (SetFlag f : values()) {
      if ((bits & f.bit) != 0) {
        out.add(f);
      }
    }
    return out;
  }
}
