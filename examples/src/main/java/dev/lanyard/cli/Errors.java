package dev.lanyard.cli;

import dev.lanyard.NetworkException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Error text and exit codes as the Docker CLI prints them: controller errors as
 * {@code Error response from daemon: MESSAGE} (exit 1), a missing argument as
 * {@code "lanyard network create" requires exactly 1 argument.} (exit 1), a bad flag as
 * {@code unknown flag: --x} (exit 125), each followed by {@code See 'lanyard … --help'.} Stateless.
 */
final class Errors {
  static final String DAEMON = "Error response from daemon: ";

  private Errors() {}

  /** The line Docker prints for an error of the daemon (here: the controller). */
  static String daemon(Throwable e) {
    return DAEMON + message(e);
  }

  static String message(Throwable e) {
    if (e instanceof UncheckedIOException u && u.getCause() != null) {
      return u.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static int usage(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String path = qualifiedName(cmd);
    if (e instanceof MissingParameterException missing && missing.getMissing().stream().allMatch(a -> !a.isOption())) {
      var positionals = cmd.getCommandSpec().positionalParameters();
      int min = positionals.stream().mapToInt(a -> a.arity().min()).sum();
      boolean exact = positionals.stream().allMatch(a -> !a.arity().isVariable() && a.arity().min() == a.arity().max());
      err.println("\"" + path + "\" requires " + (exact ? "exactly " : "at least ") + min + " argument"
          + (min == 1 ? "" : "s") + ".");
      err.println("See '" + path + " --help'.");
      return 1;
    }
    err.println(flagMessage(e));
    err.println("See '" + path + " --help'.");
    return Lanyard.USAGE;
  }

  /** Docker's wording for flag errors where it differs from picocli's. */
  static String flagMessage(ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      if (first.startsWith("--")) {
        return "unknown flag: " + first.split("=", 2)[0];
      }
      if (first.startsWith("-") && first.length() > 1) {
        return "unknown shorthand flag: '" + first.charAt(1) + "' in " + first;
      }
      return "unknown command \"" + first + "\" for \"" + qualifiedName(e.getCommandLine()) + "\"";
    }
    return e.getMessage();
  }

  static int execution(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof NetworkException || e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
      err.println(daemon(e));
      return 1;
    }
    if (e instanceof DockerJson.TemplateException) {
      err.println(e.getMessage());
      return 1;
    }
    err.println("lanyard: " + e);
    e.printStackTrace(err);
    return 1;
  }

  static String qualifiedName(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName(" ");
  }
}
