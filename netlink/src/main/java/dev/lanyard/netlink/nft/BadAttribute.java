package dev.lanyard.netlink.nft;

import static dev.lanyard.netlink.nft.NfTables.*;

import dev.lanyard.netlink.Netlink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Names the attribute the kernel pointed at ({@code NLMSGERR_ATTR_OFFS}) in a batch message, since
 * nf_tables rarely sends error text: "NFTA_RULE_CHAIN \"forward\"", "NFTA_RULE_EXPRESSIONS[2] lookup".
 */
final class BadAttribute {
  private static final Map<Integer, String> TABLE = Map.of(NFTA_TABLE_NAME, "NFTA_TABLE_NAME",
      NFTA_TABLE_FLAGS, "NFTA_TABLE_FLAGS");
  private static final Map<Integer, String> CHAIN = Map.of(NFTA_CHAIN_TABLE, "NFTA_CHAIN_TABLE",
      NFTA_CHAIN_NAME, "NFTA_CHAIN_NAME", NFTA_CHAIN_HOOK, "NFTA_CHAIN_HOOK", NFTA_CHAIN_POLICY, "NFTA_CHAIN_POLICY",
      NFTA_CHAIN_TYPE, "NFTA_CHAIN_TYPE");
  private static final Map<Integer, String> RULE = Map.of(NFTA_RULE_TABLE, "NFTA_RULE_TABLE",
      NFTA_RULE_CHAIN, "NFTA_RULE_CHAIN", NFTA_RULE_HANDLE, "NFTA_RULE_HANDLE",
      NFTA_RULE_EXPRESSIONS, "NFTA_RULE_EXPRESSIONS", NFTA_RULE_POSITION, "NFTA_RULE_POSITION",
      NFTA_RULE_USERDATA, "NFTA_RULE_USERDATA");
  private static final Map<Integer, String> SET = Map.of(NFTA_SET_TABLE, "NFTA_SET_TABLE",
      NFTA_SET_NAME, "NFTA_SET_NAME", NFTA_SET_FLAGS, "NFTA_SET_FLAGS", NFTA_SET_KEY_TYPE, "NFTA_SET_KEY_TYPE",
      NFTA_SET_KEY_LEN, "NFTA_SET_KEY_LEN", NFTA_SET_DATA_TYPE, "NFTA_SET_DATA_TYPE",
      NFTA_SET_DATA_LEN, "NFTA_SET_DATA_LEN", NFTA_SET_TIMEOUT, "NFTA_SET_TIMEOUT");
  private static final Map<Integer, String> ELEMENTS = Map.of(NFTA_SET_ELEM_LIST_TABLE, "NFTA_SET_ELEM_LIST_TABLE",
      NFTA_SET_ELEM_LIST_SET, "NFTA_SET_ELEM_LIST_SET", NFTA_SET_ELEM_LIST_ELEMENTS, "NFTA_SET_ELEM_LIST_ELEMENTS");

  private BadAttribute() {}

  /** A name for the attribute at {@code offset} of message {@code index} of {@code batch}, or "". */
  static String describe(ByteBuffer batch, int index, int offset) {
    int start = 0;
    for (int i = 0; i < index; i++) {
      if (start + Netlink.HEADER_LENGTH > batch.limit()) {
        return "";
      }
      start += Netlink.align(batch.getInt(start));
    }
    if (offset < 0 || start + Netlink.HEADER_LENGTH > batch.limit()) {
      return "";
    }
    int end = start + batch.getInt(start);
    Map<Integer, String> names = namesFor(Short.toUnsignedInt(batch.getShort(start + 4)) & 0xff);
    int target = start + offset;
    int pos = start + Netlink.HEADER_LENGTH + NfNetlink.NFGENMSG_LENGTH;
    while (pos + 4 <= end) {
      int length = Short.toUnsignedInt(batch.getShort(pos));
      int type = Short.toUnsignedInt(batch.getShort(pos + 2)) & Netlink.NLA_TYPE_MASK;
      if (length < 4) {
        return "";
      }
      if (target >= pos && target < pos + length) {
        String name = names.getOrDefault(type, "attribute " + type);
        if (type == NFTA_RULE_EXPRESSIONS && names == RULE && target > pos) {
          return name + expression(batch, pos + 4, pos + length, target);
        }
        return target == pos && isName(type, names) ? name + " \"" + string(batch, pos + 4, length - 4) + "\"" : name;
      }
      pos += Netlink.align(length);
    }
    return "";
  }

  /** "[k] kind" for the k-th expression of a rule's list that contains {@code target}. */
  private static String expression(ByteBuffer batch, int pos, int end, int target) {
    int k = 0;
    while (pos + 4 <= end) {
      int length = Short.toUnsignedInt(batch.getShort(pos));
      if (length < 4) {
        break;
      }
      if (target >= pos && target < pos + length) {
        int nameLength = Short.toUnsignedInt(batch.getShort(pos + 4));
        return "[" + k + "] " + string(batch, pos + 8, nameLength - 4);
      }
      pos += Netlink.align(length);
      k++;
    }
    return "";
  }

  private static Map<Integer, String> namesFor(int msg) {
    return switch (msg) {
      case NFT_MSG_NEWTABLE, NFT_MSG_DELTABLE -> TABLE;
      case NFT_MSG_NEWCHAIN, NFT_MSG_DELCHAIN -> CHAIN;
      case NFT_MSG_NEWRULE, NFT_MSG_DELRULE -> RULE;
      case NFT_MSG_NEWSET, NFT_MSG_DELSET -> SET;
      case NFT_MSG_NEWSETELEM, NFT_MSG_DELSETELEM -> ELEMENTS;
      default -> Map.of();
    };
  }

  private static boolean isName(int type, Map<Integer, String> names) {
    return names.getOrDefault(type, "").matches("NFTA_\\w+_(TABLE|NAME|CHAIN|SET|TYPE)");
  }

  private static String string(ByteBuffer batch, int from, int length) {
    byte[] bytes = new byte[Math.max(0, length)];
    batch.get(from, bytes);
    int n = bytes.length;
    while (n > 0 && bytes[n - 1] == 0) {
      n--;
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }
}
