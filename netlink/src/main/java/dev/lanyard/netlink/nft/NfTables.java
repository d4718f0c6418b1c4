package dev.lanyard.netlink.nft;

/**
 * Constants of {@code <linux/netfilter/nf_tables.h>}: message types, attributes of tables, chains,
 * rules, sets, elements and the expressions this package speaks, registers and verdict codes.
 * Integer attributes of nf_tables are big-endian on the wire.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/netfilter/nf_tables.h">nf_tables.h</a>
 */
public final class NfTables {
  private NfTables() {}

  public static final int NFT_NAME_MAXLEN = 256;
  public static final int NFT_USERDATA_MAXLEN = 256;

  // registers
  public static final int NFT_REG_VERDICT = 0;
  public static final int NFT_REG_1 = 1;
  public static final int NFT_REG_2 = 2;
  public static final int NFT_REG_3 = 3;
  public static final int NFT_REG_4 = 4;
  public static final int NFT_REG32_00 = 8;
  public static final int NFT_REG32_15 = 23;

  // verdicts (enum nft_verdicts; NF_ACCEPT/NF_DROP are in Netfilter)
  public static final int NFT_CONTINUE = -1;
  public static final int NFT_BREAK = -2;
  public static final int NFT_JUMP = -3;
  public static final int NFT_GOTO = -4;
  public static final int NFT_RETURN = -5;

  // enum nf_tables_msg_types
  public static final int NFT_MSG_NEWTABLE = 0;
  public static final int NFT_MSG_GETTABLE = 1;
  public static final int NFT_MSG_DELTABLE = 2;
  public static final int NFT_MSG_NEWCHAIN = 3;
  public static final int NFT_MSG_GETCHAIN = 4;
  public static final int NFT_MSG_DELCHAIN = 5;
  public static final int NFT_MSG_NEWRULE = 6;
  public static final int NFT_MSG_GETRULE = 7;
  public static final int NFT_MSG_DELRULE = 8;
  public static final int NFT_MSG_NEWSET = 9;
  public static final int NFT_MSG_GETSET = 10;
  public static final int NFT_MSG_DELSET = 11;
  public static final int NFT_MSG_NEWSETELEM = 12;
  public static final int NFT_MSG_GETSETELEM = 13;
  public static final int NFT_MSG_DELSETELEM = 14;
  public static final int NFT_MSG_NEWGEN = 15;
  public static final int NFT_MSG_GETGEN = 16;

  // enum nft_list_attributes
  public static final int NFTA_LIST_ELEM = 1;

  // enum nft_hook_attributes
  public static final int NFTA_HOOK_HOOKNUM = 1;
  public static final int NFTA_HOOK_PRIORITY = 2;
  public static final int NFTA_HOOK_DEV = 3;

  // enum nft_table_attributes
  public static final int NFTA_TABLE_NAME = 1;
  public static final int NFTA_TABLE_FLAGS = 2;
  public static final int NFTA_TABLE_USE = 3;
  public static final int NFTA_TABLE_HANDLE = 4;
  public static final int NFTA_TABLE_USERDATA = 6;
  public static final int NFTA_TABLE_OWNER = 7;
  public static final int NFT_TABLE_F_DORMANT = 0x1;
  public static final int NFT_TABLE_F_OWNER = 0x2;

  // enum nft_chain_attributes
  public static final int NFTA_CHAIN_TABLE = 1;
  public static final int NFTA_CHAIN_HANDLE = 2;
  public static final int NFTA_CHAIN_NAME = 3;
  public static final int NFTA_CHAIN_HOOK = 4;
  public static final int NFTA_CHAIN_POLICY = 5;
  public static final int NFTA_CHAIN_USE = 6;
  public static final int NFTA_CHAIN_TYPE = 7;
  public static final int NFTA_CHAIN_COUNTERS = 8;
  public static final int NFTA_CHAIN_FLAGS = 10;
  public static final int NFTA_CHAIN_ID = 11;
  public static final int NFTA_CHAIN_USERDATA = 12;
  public static final int NFT_CHAIN_BASE = 0x1;

  // enum nft_rule_attributes
  public static final int NFTA_RULE_TABLE = 1;
  public static final int NFTA_RULE_CHAIN = 2;
  public static final int NFTA_RULE_HANDLE = 3;
  public static final int NFTA_RULE_EXPRESSIONS = 4;
  public static final int NFTA_RULE_POSITION = 6;
  public static final int NFTA_RULE_USERDATA = 7;
  public static final int NFTA_RULE_ID = 9;

  // enum nft_set_flags
  public static final int NFT_SET_ANONYMOUS = 0x1;
  public static final int NFT_SET_CONSTANT = 0x2;
  public static final int NFT_SET_INTERVAL = 0x4;
  public static final int NFT_SET_MAP = 0x8;
  public static final int NFT_SET_TIMEOUT = 0x10;
  public static final int NFT_SET_EVAL = 0x20;

  // enum nft_set_attributes
  public static final int NFTA_SET_TABLE = 1;
  public static final int NFTA_SET_NAME = 2;
  public static final int NFTA_SET_FLAGS = 3;
  public static final int NFTA_SET_KEY_TYPE = 4;
  public static final int NFTA_SET_KEY_LEN = 5;
  public static final int NFTA_SET_DATA_TYPE = 6;
  public static final int NFTA_SET_DATA_LEN = 7;
  public static final int NFTA_SET_POLICY = 8;
  public static final int NFTA_SET_DESC = 9;
  public static final int NFTA_SET_ID = 10;
  public static final int NFTA_SET_TIMEOUT = 11;
  public static final int NFTA_SET_GC_INTERVAL = 12;
  public static final int NFTA_SET_USERDATA = 13;
  public static final int NFTA_SET_HANDLE = 16;

  // enum nft_set_elem_flags
  public static final int NFT_SET_ELEM_INTERVAL_END = 0x1;

  // enum nft_set_elem_attributes
  public static final int NFTA_SET_ELEM_KEY = 1;
  public static final int NFTA_SET_ELEM_DATA = 2;
  public static final int NFTA_SET_ELEM_FLAGS = 3;
  public static final int NFTA_SET_ELEM_TIMEOUT = 4;
  public static final int NFTA_SET_ELEM_EXPIRATION = 5;
  public static final int NFTA_SET_ELEM_USERDATA = 6;
  public static final int NFTA_SET_ELEM_KEY_END = 10;

  // enum nft_set_elem_list_attributes
  public static final int NFTA_SET_ELEM_LIST_TABLE = 1;
  public static final int NFTA_SET_ELEM_LIST_SET = 2;
  public static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
  public static final int NFTA_SET_ELEM_LIST_SET_ID = 4;

  // enum nft_data_types
  public static final int NFT_DATA_VALUE = 0;
  public static final int NFT_DATA_VERDICT = 0xffffff00;

  // enum nft_data_attributes
  public static final int NFTA_DATA_VALUE = 1;
  public static final int NFTA_DATA_VERDICT = 2;

  // enum nft_verdict_attributes
  public static final int NFTA_VERDICT_CODE = 1;
  public static final int NFTA_VERDICT_CHAIN = 2;

  // enum nft_expr_attributes
  public static final int NFTA_EXPR_NAME = 1;
  public static final int NFTA_EXPR_DATA = 2;

  // enum nft_immediate_attributes
  public static final int NFTA_IMMEDIATE_DREG = 1;
  public static final int NFTA_IMMEDIATE_DATA = 2;

  // enum nft_bitwise_attributes
  public static final int NFTA_BITWISE_SREG = 1;
  public static final int NFTA_BITWISE_DREG = 2;
  public static final int NFTA_BITWISE_LEN = 3;
  public static final int NFTA_BITWISE_MASK = 4;
  public static final int NFTA_BITWISE_XOR = 5;
  public static final int NFTA_BITWISE_OP = 6;
  public static final int NFTA_BITWISE_DATA = 7;

  // enum nft_cmp_ops
  public static final int NFT_CMP_EQ = 0;
  public static final int NFT_CMP_NEQ = 1;
  public static final int NFT_CMP_LT = 2;
  public static final int NFT_CMP_LTE = 3;
  public static final int NFT_CMP_GT = 4;
  public static final int NFT_CMP_GTE = 5;

  // enum nft_cmp_attributes
  public static final int NFTA_CMP_SREG = 1;
  public static final int NFTA_CMP_OP = 2;
  public static final int NFTA_CMP_DATA = 3;

  // enum nft_range_ops / nft_range_attributes
  public static final int NFT_RANGE_EQ = 0;
  public static final int NFT_RANGE_NEQ = 1;
  public static final int NFTA_RANGE_SREG = 1;
  public static final int NFTA_RANGE_OP = 2;
  public static final int NFTA_RANGE_FROM_DATA = 3;
  public static final int NFTA_RANGE_TO_DATA = 4;

  // enum nft_lookup_flags / nft_lookup_attributes
  public static final int NFT_LOOKUP_F_INV = 0x1;
  public static final int NFTA_LOOKUP_SET = 1;
  public static final int NFTA_LOOKUP_SREG = 2;
  public static final int NFTA_LOOKUP_DREG = 3;
  public static final int NFTA_LOOKUP_SET_ID = 4;
  public static final int NFTA_LOOKUP_FLAGS = 5;

  // enum nft_payload_bases / nft_payload_attributes
  public static final int NFT_PAYLOAD_LL_HEADER = 0;
  public static final int NFT_PAYLOAD_NETWORK_HEADER = 1;
  public static final int NFT_PAYLOAD_TRANSPORT_HEADER = 2;
  public static final int NFTA_PAYLOAD_DREG = 1;
  public static final int NFTA_PAYLOAD_BASE = 2;
  public static final int NFTA_PAYLOAD_OFFSET = 3;
  public static final int NFTA_PAYLOAD_LEN = 4;
  public static final int NFTA_PAYLOAD_SREG = 5;

  // enum nft_meta_keys
  public static final int NFT_META_LEN = 0;
  public static final int NFT_META_PROTOCOL = 1;
  public static final int NFT_META_PRIORITY = 2;
  public static final int NFT_META_MARK = 3;
  public static final int NFT_META_IIF = 4;
  public static final int NFT_META_OIF = 5;
  public static final int NFT_META_IIFNAME = 6;
  public static final int NFT_META_OIFNAME = 7;
  public static final int NFT_META_IIFTYPE = 8;
  public static final int NFT_META_OIFTYPE = 9;
  public static final int NFT_META_SKUID = 10;
  public static final int NFT_META_SKGID = 11;
  public static final int NFT_META_NFTRACE = 12;
  public static final int NFT_META_NFPROTO = 15;
  public static final int NFT_META_L4PROTO = 16;

  // enum nft_meta_attributes
  public static final int NFTA_META_DREG = 1;
  public static final int NFTA_META_KEY = 2;
  public static final int NFTA_META_SREG = 3;

  // enum nft_ct_keys / nft_ct_attributes
  public static final int NFT_CT_STATE = 0;
  public static final int NFT_CT_DIRECTION = 1;
  public static final int NFT_CT_STATUS = 2;
  public static final int NFT_CT_MARK = 3;
  public static final int NFTA_CT_DREG = 1;
  public static final int NFTA_CT_KEY = 2;
  public static final int NFTA_CT_DIRECTION = 3;
  public static final int NFTA_CT_SREG = 4;

  // enum nft_counter_attributes
  public static final int NFTA_COUNTER_BYTES = 1;
  public static final int NFTA_COUNTER_PACKETS = 2;

  // enum nft_nat_types / nft_nat_attributes
  public static final int NFT_NAT_SNAT = 0;
  public static final int NFT_NAT_DNAT = 1;
  public static final int NFTA_NAT_TYPE = 1;
  public static final int NFTA_NAT_FAMILY = 2;
  public static final int NFTA_NAT_REG_ADDR_MIN = 3;
  public static final int NFTA_NAT_REG_ADDR_MAX = 4;
  public static final int NFTA_NAT_REG_PROTO_MIN = 5;
  public static final int NFTA_NAT_REG_PROTO_MAX = 6;
  public static final int NFTA_NAT_FLAGS = 7;

  // enum nft_masq_attributes
  public static final int NFTA_MASQ_FLAGS = 1;
  public static final int NFTA_MASQ_REG_PROTO_MIN = 2;
  public static final int NFTA_MASQ_REG_PROTO_MAX = 3;

  // enum nft_redir_attributes
  public static final int NFTA_REDIR_REG_PROTO_MIN = 1;
  public static final int NFTA_REDIR_REG_PROTO_MAX = 2;
  public static final int NFTA_REDIR_FLAGS = 3;

  // enum nft_gen_attributes
  public static final int NFTA_GEN_ID = 1;
  public static final int NFTA_GEN_PROC_PID = 2;
  public static final int NFTA_GEN_PROC_NAME = 3;
}
