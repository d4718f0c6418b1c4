package dev.lanyard.netlink.nft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.netlink.Netlink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Our batches, byte for byte, against what nft 1.0.6 sent for the same ruleset (golden/*.nft, captured
 * with golden/capture.sh: strace of {@code nft -f} in a scratch namespace). Sequence numbers and ports
 * are zeroed (the socket fills them in when sending). No root needed.
 */
class NftGoldenBytesTest {
  @Test
  void filterTableChainsAndRuleMatchNft() {
    assertSameMessages(Rulesets.filter(), "filter");
  }

  @Test
  void natRulesMatchNft() {
    assertSameMessages(Rulesets.nat(), "nat");
  }

  @Test
  void setsMapsAndLookupsMatchNft() {
    assertSameMessages(Rulesets.sets(), "sets");
  }

  private static void assertSameMessages(Batch batch, String golden) {
    byte[] ours = normalise(batch.toByteArray());
    byte[] nft = normalise(HexFormat.of().parseHex(Rulesets.resource(golden + ".hex").replaceAll("\\s", "")));
    assertThat(HexFormat.of().formatHex(ours)).isEqualTo(HexFormat.of().formatHex(nft));
  }

  /** Zeroes sequence numbers and port ids in every message header. */
  private static byte[] normalise(byte[] messages) {
    ByteBuffer b = ByteBuffer.wrap(messages.clone()).order(ByteOrder.nativeOrder());
    int pos = 0;
    while (pos + Netlink.HEADER_LENGTH <= b.limit()) {
      int length = b.getInt(pos);
      b.putInt(pos + 8, 0).putInt(pos + 12, 0);
      pos += Netlink.align(length);
    }
    assertThat(pos).isEqualTo(b.limit());
    return b.array();
  }
}
