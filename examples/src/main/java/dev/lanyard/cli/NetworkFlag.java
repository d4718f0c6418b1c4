package dev.lanyard.cli;

import dev.lanyard.EndpointOptions;
import dev.lanyard.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code --network} value of {@code run}: a network name, or Docker's long form
 * {@code name=NET,alias=A,ip=…,ip6=…,link-local-ip=…,driver-opt=K=V,gw-priority=N} (CSV, so a value holding a
 * comma is quoted). Keys are case-insensitive as in Docker; values are kept as given (Docker lower-cases them
 * too, a known bug of its parser). {@code mac-address} is refused: Lanyard derives a container's MAC from its
 * IPv4 address, as Docker does by default.
 */
record NetworkFlag(String name, List<String> aliases, Optional<String> ip, Optional<String> ip6,
    List<String> linkLocalIps, Map<String, String> driverOpts, Optional<Integer> gwPriority) {
  /** Docker's test for the long form: some {@code key=value} in the text. */
  private static final Pattern LONG_FORM = Pattern.compile("\\w+=\\w+(,\\w+=\\w+)*");

  static NetworkFlag parse(String value) {
    if (!LONG_FORM.matcher(value).find()) {
      return new NetworkFlag(value, List.of(), Optional.empty(), Optional.empty(), List.of(), Map.of(), Optional.empty());
    }
    String name = "";
    List<String> aliases = new ArrayList<>();
    String ip = null;
    String ip6 = null;
    List<String> linkLocalIps = new ArrayList<>();
    Map<String, String> driverOpts = new LinkedHashMap<>();
    Integer gwPriority = null;
    for (String field : csvRecord(value)) {
      int eq = field.indexOf('=');
      String key = eq < 0 ? "" : field.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (key.isEmpty()) {
        throw new InvalidParameterException("invalid field " + field);
      }
      String val = field.substring(eq + 1).trim();
      switch (key) {
        case "name" -> name = val;
        case "alias" -> aliases.add(val);
        case "ip" -> ip = val;
        case "ip6" -> ip6 = val;
        case "link-local-ip" -> linkLocalIps.add(val);
        case "driver-opt" -> {
          int optEq = val.indexOf('=');
          if (optEq <= 0) {
            throw new InvalidParameterException("invalid key value pair format in driver options");
          }
          driverOpts.put(val.substring(0, optEq).trim(), val.substring(optEq + 1).trim());
        }
        case "gw-priority" -> {
          try {
            gwPriority = Integer.parseInt(val);
          } catch (NumberFormatException e) {
            throw new InvalidParameterException("invalid gw-priority \"" + val + "\": not an integer");
          }
        }
        case "mac-address" -> throw new InvalidParameterException("invalid field key mac-address: Lanyard derives "
            + "the MAC address from the container's IPv4 address");
        default -> throw new InvalidParameterException("invalid field key " + key);
      }
    }
    if (name.isEmpty()) {
      throw new InvalidParameterException("network name/id is not specified");
    }
    return new NetworkFlag(name, List.copyOf(aliases), Optional.ofNullable(ip), Optional.ofNullable(ip6),
        List.copyOf(linkLocalIps), Map.copyOf(driverOpts), Optional.ofNullable(gwPriority));
  }

  /**
   * Puts this network's own settings on {@code o}, refusing a legacy flag ({@code --ip}, {@code --ip6},
   * {@code --network-alias}, {@code --link-local-ip}) that sets the same thing, as Docker does.
   */
  void applyTo(EndpointOptions o, NetworkCommand.EndpointFlags legacy, List<String> legacyAliases) {
    conflict(!aliases.isEmpty() && !legacyAliases.isEmpty(), "--network-alias", "alias");
    conflict(ip.isPresent() && legacy.ip != null, "--ip", "IPv4 address");
    conflict(ip6.isPresent() && legacy.ip6 != null, "--ip6", "IPv6 address");
    conflict(!linkLocalIps.isEmpty() && !legacy.linkLocalIps.isEmpty(), "--link-local-ip", "link-local IP address");
    aliases.forEach(o::alias);
    ip.ifPresent(o::ip);
    ip6.ifPresent(o::ip6);
    linkLocalIps.forEach(o::linkLocalIp);
    driverOpts.forEach(o::driverOpt);
    gwPriority.ifPresent(o::gwPriority);
  }

  private static void conflict(boolean both, String flag, String what) {
    if (both) {
      throw new InvalidParameterException("conflicting options: cannot specify both " + flag + " and per-network " + what);
    }
  }

  /** The fields of one CSV record, as Go's encoding/csv reads them: commas separate, quotes group, "" is a quote. */
  static List<String> csvRecord(String text) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new InvalidParameterException("invalid network \"" + text + "\": extraneous or missing \" in quoted-field");
    }
    fields.add(field.toString());
    return fields;
  }
}
