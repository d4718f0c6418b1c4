package dev.lanyard.internal;

/**
 * Crash points for the crash tests: when the system property {@value #PROPERTY} names a point the process
 * reaches, it halts at once (no shutdown hooks, no finally blocks), as if killed. Points are named
 * {@code <operation>.<step>}, e.g. {@code connect.intent}: after the intent is committed, before the kernel.
 */
public final class Faults {
  public static final String PROPERTY = "lanyard.crashAt";
  /** The exit status of a halt at a crash point, as if killed by SIGKILL. */
  public static final int STATUS = 137;

  private static final String POINT = System.getProperty(PROPERTY);

  private Faults() {}

  static void point(String name) {
    if (name.equals(POINT)) {
      Runtime.getRuntime().halt(STATUS);
    }
  }
}
