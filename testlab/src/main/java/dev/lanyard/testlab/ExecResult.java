package dev.lanyard.testlab;

import java.util.List;

/** What an oracle command did: its exit code and output. */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {
  public boolean ok() {
    return exitCode == 0;
  }

  /** This result, or an {@link AssertionError} naming the command and its stderr when it failed. */
  public ExecResult orFail() {
    if (exitCode != 0) {
      throw new AssertionError("command failed (exit " + exitCode + "): " + String.join(" ", command)
          + "\nstdout: " + stdout + "\nstderr: " + stderr);
    }
    return this;
  }
}
