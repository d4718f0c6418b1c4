package dev.lanyard.netlink.nft;

import java.nio.charset.StandardCharsets;

/** Validates object names the kernel takes as NUL-terminated strings of at most NFT_NAME_MAXLEN bytes. */
final class Names {
  private Names() {}

  static String require(String what, String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(what + " name must not be empty");
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes >= NfTables.NFT_NAME_MAXLEN) {
      throw new IllegalArgumentException(what + " name \"" + name + "\" is " + bytes + " bytes; at most "
          + (NfTables.NFT_NAME_MAXLEN - 1) + " allowed");
    }
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " name \"" + name + "\" contains a NUL");
    }
    return name;
  }
}
