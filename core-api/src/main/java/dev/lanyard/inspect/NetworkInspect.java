package dev.lanyard.inspect;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** {@code docker network inspect}: one network, with Docker's field names. */
@JsonPropertyOrder({"Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM", "Internal",
    "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels", "Status"})
public record NetworkInspect(
    @JsonProperty("Name") String name,
    @JsonProperty("Id") String id,
    @JsonProperty("Created") String created,
    @JsonProperty("Scope") String scope,
    @JsonProperty("Driver") String driver,
    @JsonProperty("EnableIPv4") boolean enableIpv4,
    @JsonProperty("EnableIPv6") boolean enableIpv6,
    @JsonProperty("IPAM") Ipam ipam,
    @JsonProperty("Internal") boolean internal,
    @JsonProperty("Attachable") boolean attachable,
    @JsonProperty("Ingress") boolean ingress,
    @JsonProperty("ConfigFrom") ConfigReference configFrom,
    @JsonProperty("ConfigOnly") boolean configOnly,
    @JsonProperty("Containers") Map<String, ContainerEntry> containers,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Status") Status status) {

  public String json() {
    return InspectJson.write(this);
  }

  @JsonPropertyOrder({"Driver", "Options", "Config"})
  public record Ipam(
      @JsonProperty("Driver") String driver,
      @JsonProperty("Options") Map<String, String> options,
      @JsonProperty("Config") List<IpamConfigEntry> config) {}

  @JsonPropertyOrder({"Subnet", "IPRange", "Gateway", "AuxiliaryAddresses"})
  public record IpamConfigEntry(
      @JsonProperty("Subnet") String subnet,
      @JsonProperty("IPRange") String ipRange,
      @JsonProperty("Gateway") String gateway,
      @JsonProperty("AuxiliaryAddresses") Map<String, String> auxiliaryAddresses) {}

  public record ConfigReference(@JsonProperty("Network") String network) {}

  @JsonPropertyOrder({"Name", "EndpointID", "MacAddress", "IPv4Address", "IPv6Address"})
  public record ContainerEntry(
      @JsonProperty("Name") String name,
      @JsonProperty("EndpointID") String endpointId,
      @JsonProperty("MacAddress") String macAddress,
      @JsonProperty("IPv4Address") String ipv4Address,
      @JsonProperty("IPv6Address") String ipv6Address) {}

  public record Status(@JsonProperty("IPAM") IpamStatus ipam) {}

  public record IpamStatus(@JsonProperty("Subnets") Map<String, SubnetStatus> subnets) {}

  @JsonPropertyOrder({"IPsInUse", "DynamicIPsAvailable"})
  public record SubnetStatus(
      @JsonProperty("IPsInUse") java.math.BigInteger ipsInUse,
      @JsonProperty("DynamicIPsAvailable") java.math.BigInteger dynamicIpsAvailable) {}
}
