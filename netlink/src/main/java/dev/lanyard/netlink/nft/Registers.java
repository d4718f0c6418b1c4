package dev.lanyard.netlink.nft;

/** Checks register numbers: the verdict register, the four 128-bit ones, or the sixteen 32-bit ones. */
final class Registers {
  private Registers() {}

  static int requireData(int reg) {
    if ((reg >= NfTables.NFT_REG_1 && reg <= NfTables.NFT_REG_4)
        || (reg >= NfTables.NFT_REG32_00 && reg <= NfTables.NFT_REG32_15)) {
      return reg;
    }
    throw new IllegalArgumentException("not a data register: " + reg);
  }
}
