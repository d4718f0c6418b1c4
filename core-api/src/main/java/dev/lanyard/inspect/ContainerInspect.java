package dev.lanyard.inspect;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** The networking part of {@code docker inspect CONTAINER}, with Docker's field names. */
@JsonPropertyOrder({"Id", "Name", "State", "Config", "NetworkSettings"})
public record ContainerInspect(
    @JsonProperty("Id") String id,
    @JsonProperty("Name") String name,
    @JsonProperty("State") State state,
    @JsonProperty("Config") Config config,
    @JsonProperty("NetworkSettings") NetworkSettings networkSettings) {

  public String json() {
    return InspectJson.write(this);
  }

  public record State(@JsonProperty("Status") String status, @JsonProperty("Running") boolean running) {}

  public record Config(@JsonProperty("Hostname") String hostname) {}

  @JsonPropertyOrder({"SandboxKey", "Ports", "Networks"})
  public record NetworkSettings(
      @JsonProperty("SandboxKey") String sandboxKey,
      @JsonProperty("Ports") Map<String, List<PortBinding>> ports,
      @JsonProperty("Networks") Map<String, EndpointSettings> networks) {}

  @JsonPropertyOrder({"HostIp", "HostPort"})
  public record PortBinding(@JsonProperty("HostIp") String hostIp, @JsonProperty("HostPort") String hostPort) {}

  @JsonPropertyOrder({"IPv4Address", "IPv6Address", "LinkLocalIPs"})
  public record IpamSettings(
      @JsonProperty("IPv4Address") String ipv4Address,
      @JsonProperty("IPv6Address") String ipv6Address,
      @JsonProperty("LinkLocalIPs") List<String> linkLocalIps) {}

  @JsonPropertyOrder({"IPAMConfig", "Links", "Aliases", "MacAddress", "DriverOpts", "GwPriority", "NetworkID", "EndpointID",
      "Gateway", "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "DNSNames"})
  public record EndpointSettings(
      @JsonProperty("IPAMConfig") IpamSettings ipamConfig,
      @JsonProperty("Links") List<String> links,
      @JsonProperty("Aliases") List<String> aliases,
      @JsonProperty("MacAddress") String macAddress,
      @JsonProperty("DriverOpts") Map<String, String> driverOpts,
      @JsonProperty("GwPriority") int gwPriority,
      @JsonProperty("NetworkID") String networkId,
      @JsonProperty("EndpointID") String endpointId,
      @JsonProperty("Gateway") String gateway,
      @JsonProperty("IPAddress") String ipAddress,
      @JsonProperty("IPPrefixLen") int ipPrefixLen,
      @JsonProperty("IPv6Gateway") String ipv6Gateway,
      @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
      @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
      @JsonProperty("DNSNames") List<String> dnsNames) {}
}
