package dev.lanyard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.Network;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code network ls} output: the table ({@code NETWORK ID  NAME  DRIVER  SCOPE}, sorted by name), {@code -q}
 * (ids only), {@code --no-trunc} (64-digit ids), {@code --format json} (one compact object per line with
 * Docker's keys, all values strings) and {@code --format '{{.Name}}'} templates. Pure: works on {@link Row}s.
 */
final class NetworkListing {
  /** Go's {@code time.Time.String()} in UTC, as {@code CreatedAt} shows. */
  private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS '+0000 UTC'")
      .withZone(ZoneOffset.UTC);

  private NetworkListing() {}

  /** One network as {@code ls} needs it. */
  record Row(String id, String name, String driver, String scope, Instant created, boolean ipv4, boolean ipv6,
      boolean internal, Map<String, String> labels) {
    Row {
      labels = Map.copyOf(labels);
    }

    static Row of(Network n) {
      return new Row(n.id(), n.name(), n.driver(), n.scope().text(), n.created(),
          n.ipamConfigs().isEmpty()
              || n.ipamConfigs().stream().anyMatch(c -> c.subnet().address() instanceof java.net.Inet4Address),
          n.ipv6Enabled(), n.internal(), n.labels());
    }
  }

  static String render(List<Row> rows, boolean quiet, boolean noTrunc, String format) {
    List<Row> sorted = rows.stream().sorted(Comparator.comparing(Row::name)).toList();
    StringBuilder out = new StringBuilder();
    if (quiet) {
      sorted.forEach(r -> out.append(id(r, noTrunc)).append('\n'));
      return out.toString();
    }
    if (format == null || format.isEmpty() || format.equals("table")) {
      Table t = new Table("NETWORK ID", "NAME", "DRIVER", "SCOPE");
      sorted.forEach(r -> t.row(id(r, noTrunc), r.name(), r.driver(), r.scope()));
      return t.render();
    }
    for (Row r : sorted) {
      ObjectNode json = json(r, noTrunc);
      out.append(format.equals("json") ? DockerJson.compact(json) : DockerJson.format(format, json)).append('\n');
    }
    return out.toString();
  }

  /** Docker's {@code {{json .}}} of a network row: keys in Go's sorted order, every value a string. */
  static ObjectNode json(Row r, boolean noTrunc) {
    ObjectNode o = DockerJson.MAPPER.createObjectNode();
    o.put("CreatedAt", GO_TIME.format(r.created()));
    o.put("Driver", r.driver());
    o.put("ID", id(r, noTrunc));
    o.put("IPv4", Boolean.toString(r.ipv4()));
    o.put("IPv6", Boolean.toString(r.ipv6()));
    o.put("Internal", Boolean.toString(r.internal()));
    o.put("Labels", new TreeMap<>(r.labels()).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
    o.put("Name", r.name());
    o.put("Scope", r.scope());
    return o;
  }

  static String id(Row r, boolean noTrunc) {
    return noTrunc ? r.id() : r.id().substring(0, Math.min(12, r.id().length()));
  }
}
