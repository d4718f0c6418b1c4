package dev.lanyard.netlink.rt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.netlink.LibC;
import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KernelTest
class NeighbourTest extends RtScratch {
  private int br;

  @BeforeEach
  void addBridge() {
    br = rt.add(new Bridge(LinkAttrs.named("br0").withUp(true))).index();
  }

  @Test
  void ipv4NeighbourIsAddedReplacedListedAndDeleted() throws Exception {
    InetAddress ip = InetAddress.getByName("10.30.0.9");
    rt.addNeighbour(Neighbour.permanent(br, ip, MacAddress.parse("02:00:00:00:00:09")));
    JsonNode seen = neigh("-4", "10.30.0.9");
    assertThat(seen.path("lladdr").asText()).isEqualTo("02:00:00:00:00:09");
    assertThat(seen.path("state").toString()).contains("PERMANENT");

    rt.replaceNeighbour(new Neighbour(br, ip, MacAddress.parse("02:00:00:00:00:0a"), NeighbourConsts.NUD_REACHABLE, 0));
    JsonNode replaced = neigh("-4", "10.30.0.9");
    assertThat(replaced.path("lladdr").asText()).isEqualTo("02:00:00:00:00:0a");
    assertThat(replaced.path("state").toString()).contains("REACHABLE");
    assertThat(rt.neighbours(LibC.AF_INET)).anyMatch(n -> n.address().equals(ip)
        && n.mac().equals(MacAddress.parse("02:00:00:00:00:0a")) && n.linkIndex() == br);

    rt.deleteNeighbour(new Neighbour(br, ip, null, NeighbourConsts.NUD_PERMANENT, 0));
    assertThat(neighbours("-4")).doesNotContain("10.30.0.9");
  }

  @Test
  void ipv6NeighbourIsAddedListedAndDeleted() throws Exception {
    InetAddress ip = InetAddress.getByName("2001:db8::9");
    rt.addNeighbour(Neighbour.permanent(br, ip, MacAddress.parse("02:00:00:00:00:0b")));
    assertThat(neigh("-6", "2001:db8::9").path("lladdr").asText()).isEqualTo("02:00:00:00:00:0b");
    assertThat(rt.neighbours(LibC.AF_INET6)).anyMatch(n -> n.address().equals(ip));
    rt.deleteNeighbour(Neighbour.permanent(br, ip, null));
    assertThat(neighbours("-6")).doesNotContain("2001:db8::9");
  }

  @Test
  void vxlanFdbEntryWithDestinationIsAddedListedAndDeleted() throws Exception {
    int vx = rt.add(new Vxlan(LinkAttrs.named("vx0"), 100, null, 0, 4789, false, false)).index();
    FdbEntry entry = FdbEntry.permanentSelf(vx, MacAddress.parse("02:00:00:00:00:0c"), InetAddress.getByName("10.1.1.2"));
    rt.addFdb(entry);
    JsonNode seen = fdb("02:00:00:00:00:0c");
    assertThat(seen.path("ifname").asText()).isEqualTo("vx0");
    assertThat(seen.path("dst").asText()).isEqualTo("10.1.1.2");
    assertThat(seen.path("state").asText()).isEqualTo("permanent");
    assertThat(seen.path("flags").toString()).contains("self");
    assertThat(rt.fdbEntries()).contains(entry);
    rt.deleteFdb(entry);
    assertThat(scratch.bridge("fdb", "show", "dev", "vx0").toString()).doesNotContain("02:00:00:00:00:0c");
  }

  @Test
  void bridgePortFdbEntryWithoutDestination() {
    int port = rt.add(new Veth(LinkAttrs.named("d0").withMaster(br), LinkAttrs.named("d1"))).index();
    FdbEntry entry = new FdbEntry(port, MacAddress.parse("02:00:00:00:00:0d"), null, NeighbourConsts.NUD_PERMANENT,
        NeighbourConsts.NTF_MASTER);
    rt.addFdb(entry);
    assertThat(fdb("02:00:00:00:00:0d").path("ifname").asText()).isEqualTo("d0");
    assertThat(rt.fdbEntries()).anyMatch(e -> e.mac().equals(entry.mac()) && e.linkIndex() == port);
  }

  private JsonNode fdb(String mac) {
    for (JsonNode e : scratch.bridge("fdb", "show")) {
      if (e.path("mac").asText().equals(mac)) {
        return e;
      }
    }
    throw new AssertionError("bridge fdb has no " + mac + ": " + scratch.bridge("fdb", "show"));
  }

  private JsonNode neigh(String family, String dst) {
    for (JsonNode n : LabNamespace.json(List.of("ip", "-n", scratch.name(), "-j", family, "neigh", "show"))) {
      if (n.path("dst").asText().equals(dst)) {
        return n;
      }
    }
    throw new AssertionError("no neighbour " + dst);
  }

  private List<String> neighbours(String family) {
    List<String> out = new ArrayList<>();
    LabNamespace.json(List.of("ip", "-n", scratch.name(), "-j", family, "neigh", "show"))
        .forEach(n -> out.add(n.path("dst").asText()));
    return out;
  }
}
