package dev.lanyard.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table laid out as the Docker CLI's {@code tabwriter} does ({@code minwidth 10, padding 3}): every
 * column but the last is as wide as its widest cell plus three spaces, and at least ten; the last column is
 * not padded. Immutable once built; not thread-safe while rows are added.
 */
final class Table {
  private static final int MIN_WIDTH = 10;
  private static final int PADDING = 3;

  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(List.of(header));
  }

  Table row(String... cells) {
    if (cells.length != rows.get(0).size()) {
      throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + rows.get(0).size());
    }
    rows.add(List.of(cells));
    return this;
  }

  /** The table, one line per row, each ending in a newline. */
  String render() {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        width[i] = Math.max(width[i], Math.max(MIN_WIDTH, row.get(i).length() + PADDING));
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < columns - 1) {
          line.append(" ".repeat(width[i] - cell.length()));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
