package dev.lanyard.cli;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ps} output: {@code CONTAINER ID  IMAGE  COMMAND  CREATED  STATUS  PORTS  NAMES}, newest first, with
 * Docker's truncation (12-digit ids, commands cut to 20 characters with an ellipsis) and its human durations
 * ({@code Up 3 seconds}, {@code About a minute ago}). Pure: works on {@link Row}s and a clock value.
 */
final class ContainerListing {
  private ContainerListing() {}

  /**
   * One container as {@code ps} needs it; times in epoch milliseconds, {@code stoppedMillis} 0 while running.
   *
   * @param ports already formatted, e.g. {@code 172.23.0.1:32768->6379/tcp}
   */
  record Row(String id, String image, List<String> command, long createdMillis, boolean running, long startedMillis,
      long stoppedMillis, int exitCode, String ports, String name) {
    Row {
      command = List.copyOf(command);
    }
  }

  static String render(List<Row> rows, long nowMillis, boolean all, boolean quiet, boolean noTrunc) {
    List<Row> shown = rows.stream().filter(r -> all || r.running())
        .sorted(Comparator.comparingLong(Row::createdMillis).reversed()).toList();
    if (quiet) {
      StringBuilder out = new StringBuilder();
      shown.forEach(r -> out.append(noTrunc ? r.id() : r.id().substring(0, 12)).append('\n'));
      return out.toString();
    }
    Table t = new Table("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
    for (Row r : shown) {
      String command = String.join(" ", r.command());
      t.row(noTrunc ? r.id() : r.id().substring(0, 12), r.image(),
          "\"" + (noTrunc ? command : ellipsis(command, 20)) + "\"",
          human(Duration.ofMillis(nowMillis - r.createdMillis())) + " ago", status(r, nowMillis), r.ports(), r.name());
    }
    return t.render();
  }

  static String status(Row r, long nowMillis) {
    if (r.running()) {
      return "Up " + human(Duration.ofMillis(nowMillis - r.startedMillis()));
    }
    return "Exited (" + r.exitCode() + ") " + human(Duration.ofMillis(nowMillis - r.stoppedMillis())) + " ago";
  }

  /** Docker's {@code formatter.Ellipsis}: at most {@code max} characters, the last one {@code …} when cut. */
  static String ellipsis(String text, int max) {
    return text.codePointCount(0, text.length()) <= max ? text
        : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  /** go-units' {@code HumanDuration}. */
  static String human(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    if (seconds < 1) {
      return "Less than a second";
    }
    if (seconds == 1) {
      return "1 second";
    }
    if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = d.toMinutes();
    if (minutes == 1) {
      return "About a minute";
    }
    if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = Math.round(d.toSeconds() / 3600.0);
    if (hours == 1) {
      return "About an hour";
    }
    if (hours < 48) {
      return hours + " hours";
    }
    if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    }
    if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return hours / 24 / 365 + " years";
  }
}
