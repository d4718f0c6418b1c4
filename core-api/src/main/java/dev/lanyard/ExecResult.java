package dev.lanyard;

/** The outcome of {@link Container#exec}: exit code and the whole of standard output and error. */
public record ExecResult(int exitCode, String stdout, String stderr) {
  public boolean ok() {
    return exitCode == 0;
  }
}
