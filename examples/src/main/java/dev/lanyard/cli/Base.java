package dev.lanyard.cli;

import dev.lanyard.Networks;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the invocation ({@link Lanyard}), its streams and {@code key=value} parsing. */
@Command
abstract class Base implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  Lanyard root() {
    return (Lanyard) spec.root().userObject();
  }

  Networks networks() {
    return root().networks();
  }

  PrintWriter out() {
    return root().out();
  }

  PrintWriter err() {
    return root().err();
  }

  /** {@code key=value} flags ({@code -o}, {@code --label}, …); a bare {@code key} has an empty value. */
  static Map<String, String> keyValues(String flag, List<String> items, boolean valueRequired) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      if (eq == 0 || (eq < 0 && valueRequired)) {
        throw new dev.lanyard.InvalidParameterException("invalid " + flag + " \"" + item + "\": expected key=value");
      }
      map.put(eq < 0 ? item : item.substring(0, eq), eq < 0 ? "" : item.substring(eq + 1));
    }
    return map;
  }
}
