package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.NotFoundException;
import dev.lanyard.inspect.NetworkInspect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text the CLI prints: tables, JSON, templates, durations and error lines, compared exactly. */
class OutputFormatTest {
  private static final String BRIDGE_ID = "4bb8c9bf4292aaaa4bb8c9bf4292aaaa4bb8c9bf4292aaaa4bb8c9bf4292aaaa";
  private static final String ALIAS_ID = "76b7dc932e03bbbb76b7dc932e03bbbb76b7dc932e03bbbb76b7dc932e03bbbb";
  private static final Instant CREATED = Instant.parse("2026-11-28T05:28:05.790Z");

  private static List<NetworkListing.Row> rows() {
    return List.of(
        new NetworkListing.Row(ALIAS_ID, "local_alias", "bridge", "local", CREATED, true, false, false,
            Map.of("env", "prod", "a", "b")),
        new NetworkListing.Row(BRIDGE_ID, "bridge", "bridge", "local", CREATED, true, false, false, Map.of()));
  }

  @Test
  void lsIsDockersTableSortedByName() {
    assertThat(NetworkListing.render(rows(), false, false, null)).isEqualTo(
        "NETWORK ID     NAME          DRIVER    SCOPE\n"
            + "4bb8c9bf4292   bridge        bridge    local\n"
            + "76b7dc932e03   local_alias   bridge    local\n");
  }

  @Test
  void noTruncWidensTheIdColumn() {
    assertThat(NetworkListing.render(rows(), false, true, "table").lines().toList()).containsExactly(
        "NETWORK ID                                                         NAME          DRIVER    SCOPE",
        BRIDGE_ID + "   bridge        bridge    local",
        ALIAS_ID + "   local_alias   bridge    local");
  }

  @Test
  void quietPrintsIdsOnly() {
    assertThat(NetworkListing.render(rows(), true, false, null)).isEqualTo("4bb8c9bf4292\n76b7dc932e03\n");
    assertThat(NetworkListing.render(rows(), true, true, null)).isEqualTo(BRIDGE_ID + "\n" + ALIAS_ID + "\n");
  }

  @Test
  void formatJsonIsOneCompactObjectPerLineWithStringValues() {
    assertThat(NetworkListing.render(rows(), false, false, "json").lines().toList()).containsExactly(
        "{\"CreatedAt\":\"2026-11-28 05:28:05.790000000 +0000 UTC\",\"Driver\":\"bridge\",\"ID\":\"4bb8c9bf4292\","
            + "\"IPv4\":\"true\",\"IPv6\":\"false\",\"Internal\":\"false\",\"Labels\":\"\",\"Name\":\"bridge\","
            + "\"Scope\":\"local\"}",
        "{\"CreatedAt\":\"2026-11-28 05:28:05.790000000 +0000 UTC\",\"Driver\":\"bridge\",\"ID\":\"76b7dc932e03\","
            + "\"IPv4\":\"true\",\"IPv6\":\"false\",\"Internal\":\"false\",\"Labels\":\"a=b,env=prod\","
            + "\"Name\":\"local_alias\",\"Scope\":\"local\"}");
  }

  @Test
  void formatTemplatePicksFields() {
    assertThat(NetworkListing.render(rows(), false, true, "{{.Name}}: {{.ID}}"))
        .isEqualTo("bridge: " + BRIDGE_ID + "\nlocal_alias: " + ALIAS_ID + "\n");
  }

  @Test
  void inspectJsonIsIndentedByFourWithEmptyMapsAsBraces() {
    NetworkInspect doc = new NetworkInspect("isolated_nw", BRIDGE_ID, "2026-11-28T05:28:05.79Z", "local", "bridge", true,
        false, new NetworkInspect.Ipam("default", Map.of(),
            List.of(new NetworkInspect.IpamConfigEntry("172.25.0.0/16", null, "172.25.0.1", null))),
        false, false, false, new NetworkInspect.ConfigReference(""), false, Map.of(), Map.of(), Map.of(), null);
    String json = DockerJson.inspectArray(List.of(DockerJson.tree(doc)));
    assertThat(json).startsWith("[\n    {\n        \"Name\": \"isolated_nw\",\n");
    assertThat(json).contains("        \"IPAM\": {\n            \"Driver\": \"default\",\n            \"Options\": {},\n"
        + "            \"Config\": [\n                {\n                    \"Subnet\": \"172.25.0.0/16\",\n");
    assertThat(json).contains("        \"Containers\": {},\n");
    assertThat(json).endsWith("\n    }\n]");
    assertThat(DockerJson.inspectArray(List.of())).isEqualTo("[]");
  }

  @Test
  void goTemplatesNavigateTheDocument() throws Exception {
    JsonNode doc = DockerJson.MAPPER.readTree(
        "{\"Name\":\"c3\",\"NetworkSettings\":{\"Networks\":{\"isolated_nw\":{\"IPAddress\":\"172.25.3.3\"}}}}");
    assertThat(DockerJson.format("{{json .NetworkSettings.Networks}}", doc))
        .isEqualTo("{\"isolated_nw\":{\"IPAddress\":\"172.25.3.3\"}}");
    assertThat(DockerJson.format("name={{.Name}} ip={{.NetworkSettings.Networks.isolated_nw.IPAddress}}", doc))
        .isEqualTo("name=c3 ip=172.25.3.3");
    assertThat(DockerJson.format("plain", doc)).isEqualTo("plain");
    assertThatThrownBy(() -> DockerJson.format("{{.Nope}}", doc)).isInstanceOf(DockerJson.TemplateException.class)
        .hasMessageContaining("map has no entry for key \"Nope\"");
    assertThatThrownBy(() -> DockerJson.format("{{range .X}}", doc)).isInstanceOf(DockerJson.TemplateException.class)
        .hasMessageStartingWith("template parsing error");
  }

  @Test
  void psShowsDockersColumnsNewestFirst() {
    long now = CREATED.toEpochMilli() + 65_000;
    ContainerListing.Row redis = new ContainerListing.Row(BRIDGE_ID, "redis",
        List.of("busybox", "nc", "-ll", "-p", "6379", "-e", "echo", "+PONG"), CREATED.toEpochMilli(), true,
        CREATED.toEpochMilli() + 1000, 0, 0, "172.23.0.1:32768->6379/tcp", "redis");
    ContainerListing.Row old = new ContainerListing.Row(ALIAS_ID, "busybox", List.of(), CREATED.toEpochMilli() - 7_200_000,
        false, CREATED.toEpochMilli() - 7_200_000, now - 3000, 3, "", "container1");
    assertThat(ContainerListing.render(List.of(old, redis), now, false, false, false)).isEqualTo(
        "CONTAINER ID   IMAGE     COMMAND                  CREATED              STATUS              PORTS"
            + "                        NAMES\n"
            + "4bb8c9bf4292   redis     \"busybox nc -ll -p 6…\"   About a minute ago   Up About a minute   "
            + "172.23.0.1:32768->6379/tcp   redis\n");
    assertThat(ContainerListing.render(List.of(old, redis), now, true, true, false)).isEqualTo("4bb8c9bf4292\n76b7dc932e03\n");
    assertThat(ContainerListing.render(List.of(old, redis), now, true, false, false))
        .contains("\"\"   ").contains("Exited (3) 3 seconds ago").contains("2 hours ago");
  }

  @Test
  void humanDurationsAreGoUnits() {
    assertThat(ContainerListing.human(Duration.ofMillis(400))).isEqualTo("Less than a second");
    assertThat(ContainerListing.human(Duration.ofSeconds(1))).isEqualTo("1 second");
    assertThat(ContainerListing.human(Duration.ofSeconds(59))).isEqualTo("59 seconds");
    assertThat(ContainerListing.human(Duration.ofSeconds(60))).isEqualTo("About a minute");
    assertThat(ContainerListing.human(Duration.ofMinutes(59))).isEqualTo("59 minutes");
    assertThat(ContainerListing.human(Duration.ofMinutes(61))).isEqualTo("About an hour");
    assertThat(ContainerListing.human(Duration.ofHours(47))).isEqualTo("47 hours");
    assertThat(ContainerListing.human(Duration.ofDays(3))).isEqualTo("3 days");
    assertThat(ContainerListing.human(Duration.ofDays(20))).isEqualTo("2 weeks");
    assertThat(ContainerListing.human(Duration.ofDays(90))).isEqualTo("3 months");
    assertThat(ContainerListing.human(Duration.ofDays(800))).isEqualTo("2 years");
  }

  @Test
  void daemonErrorsCarryDockersPrefix() {
    assertThat(Errors.daemon(new NotFoundException("network isolated_nw not found")))
        .isEqualTo("Error response from daemon: network isolated_nw not found");
  }

  @Test
  void psShowsConsecutivePortsAsOneRangeAndIpv6InBrackets() {
    Map<String, List<dev.lanyard.inspect.ContainerInspect.PortBinding>> ports = new java.util.LinkedHashMap<>();
    for (int p = 8000; p <= 8002; p++) {
      ports.put(p + "/tcp", List.of(new dev.lanyard.inspect.ContainerInspect.PortBinding("0.0.0.0", Integer.toString(p)),
          new dev.lanyard.inspect.ContainerInspect.PortBinding("::", Integer.toString(p))));
    }
    ports.put("53/udp", List.of(new dev.lanyard.inspect.ContainerInspect.PortBinding("127.0.0.1", "5353")));
    ports.put("54/udp", List.of(new dev.lanyard.inspect.ContainerInspect.PortBinding("127.0.0.1", "5360")));
    ports.put("6379/tcp", List.of());
    dev.lanyard.inspect.ContainerInspect doc = new dev.lanyard.inspect.ContainerInspect("id", "/c1",
        new dev.lanyard.inspect.ContainerInspect.State("running", true), new dev.lanyard.inspect.ContainerInspect.Config("c1"),
        new dev.lanyard.inspect.ContainerInspect.NetworkSettings("", ports, Map.of()));
    assertThat(ContainerCommands.Ps.ports(doc)).isEqualTo("6379/tcp, 0.0.0.0:8000-8002->8000-8002/tcp, "
        + "[::]:8000-8002->8000-8002/tcp, 127.0.0.1:5353->53/udp, 127.0.0.1:5360->54/udp");
  }
}
