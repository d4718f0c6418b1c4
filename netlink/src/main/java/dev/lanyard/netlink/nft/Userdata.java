package dev.lanyard.netlink.nft;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The user-data TLVs of libnftnl ({@code nftnl_udata}: type u8, length u8, value), which {@code nft}
 * stores in rules (the comment) and sets (key/data byte order) to print them back.
 */
final class Userdata {
  static final int RULE_COMMENT = 0;
  static final int SET_KEYBYTEORDER = 0;
  static final int SET_DATABYTEORDER = 1;
  static final int SET_DATA_INTERVAL = 6;

  /** nft's byte-order values stored with sets. */
  static final int BYTEORDER_INVALID = 0;
  static final int BYTEORDER_HOST = 1;
  static final int BYTEORDER_BIG = 2;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Userdata put(int type, byte[] value) {
    if (value.length > 255) {
      throw new IllegalArgumentException("user data value of " + value.length + " bytes is longer than 255");
    }
    out.write(type);
    out.write(value.length);
    out.writeBytes(value);
    return this;
  }

  /** A NUL-terminated string, as nft stores comments. */
  Userdata putString(int type, String value) {
    byte[] raw = value.getBytes(StandardCharsets.UTF_8);
    byte[] withNul = new byte[raw.length + 1];
    System.arraycopy(raw, 0, withNul, 0, raw.length);
    return put(type, withNul);
  }

  /** A u32 in host order, as nft stores byte orders. */
  Userdata putU32(int type, int value) {
    return put(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
  }

  byte[] toArray() {
    return out.toByteArray();
  }

  /** The string value of TLV {@code type} in {@code data}, if present. */
  static Optional<String> findString(byte[] data, int type) {
    int pos = 0;
    while (pos + 2 <= data.length) {
      int t = Byte.toUnsignedInt(data[pos]);
      int length = Byte.toUnsignedInt(data[pos + 1]);
      if (pos + 2 + length > data.length) {
        break;
      }
      if (t == type) {
        int end = pos + 2 + length;
        while (end > pos + 2 && data[end - 1] == 0) {
          end--;
        }
        return Optional.of(new String(data, pos + 2, end - pos - 2, StandardCharsets.UTF_8));
      }
      pos += 2 + length;
    }
    return Optional.empty();
  }
}
