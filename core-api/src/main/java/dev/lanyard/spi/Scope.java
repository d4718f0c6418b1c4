package dev.lanyard.spi;

/** Where a network exists: one host ({@code local}) or the cluster ({@code global}), as in Docker. */
public enum Scope {
  LOCAL("local"),
  GLOBAL("global"),
  SWARM("swarm");

  private final String text;

  Scope(String text) {
    this.text = text;
  }

  /** The lower-case name Docker uses. */
  public String text() {
    return text;
  }
}
