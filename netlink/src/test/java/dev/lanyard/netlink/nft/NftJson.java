package dev.lanyard.netlink.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.testlab.ExecResult;
import dev.lanyard.testlab.LabNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The oracle side of kernel tests: nft's JSON, compared without kernel-assigned handles. */
final class NftJson {
  private NftJson() {}

  /** {@code nft -j list ruleset} without metainfo and without "handle" fields. */
  static JsonNode ruleset(LabNamespace ns) {
    JsonNode copy = ns.nftRuleset().deepCopy();
    ArrayNode items = (ArrayNode) copy.get("nftables");
    for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
      if (it.next().has("metainfo")) {
        it.remove();
      }
    }
    stripHandles(copy);
    return copy;
  }

  /** The "expr" arrays of the rules, in listing order. */
  static List<JsonNode> ruleBodies(LabNamespace ns) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode item : ns.nftRuleset().get("nftables")) {
      if (item.has("rule")) {
        out.add(item.get("rule").get("expr"));
      }
    }
    return out;
  }

  /** Handles of the rules of one chain, in order. */
  static List<Long> ruleHandles(LabNamespace ns, String chain) {
    List<Long> out = new ArrayList<>();
    for (JsonNode item : ns.nftRuleset().get("nftables")) {
      if (item.has("rule") && item.get("rule").get("chain").asText().equals(chain)) {
        out.add(item.get("rule").get("handle").asLong());
      }
    }
    return out;
  }

  /** Runs {@code nft -f} with nft text inside {@code ns}; fails the test if nft refuses it. */
  static void nftFile(LabNamespace ns, String text) {
    try {
      Path file = Files.createTempFile("lanyard-nft", ".nft");
      try {
        Files.writeString(file, text);
        ExecResult r = ns.nft("-f", file.toString());
        if (!r.ok()) {
          throw new AssertionError("nft -f refused:\n" + text + "\n" + r.stderr());
        }
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void stripHandles(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("handle");
      object.elements().forEachRemaining(NftJson::stripHandles);
    } else if (node instanceof ArrayNode array) {
      array.elements().forEachRemaining(NftJson::stripHandles);
    }
  }
}
