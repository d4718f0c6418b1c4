package dev.lanyard.netlink;

import com.sun.jna.LastErrorException;

/**
 * A system call or kernel request failed. The message names the operation, the errno name and its
 * description, e.g. {@code setns(/run/netns/x): EINVAL (Invalid argument)}.
 */
public class ErrnoException extends RuntimeException {
  private final String operation;
  private final Errno errno;
  private final int code;

  public ErrnoException(String operation, int code) {
    this(operation, code, null, null);
  }

  protected ErrnoException(String operation, int code, String detail, Throwable cause) {
    super(format(operation, code, detail), cause);
    this.operation = operation;
    this.code = Math.abs(code);
    this.errno = Errno.of(code);
  }

  /** Wraps JNA's error for {@code operation}. */
  public static ErrnoException of(String operation, LastErrorException e) {
    return new ErrnoException(operation, e.getErrorCode(), null, e);
  }

  public String operation() {
    return operation;
  }

  public Errno errno() {
    return errno;
  }

  /** The raw positive errno, also when {@link #errno()} is {@link Errno#UNKNOWN}. */
  public int code() {
    return code;
  }

  private static String format(String operation, int code, String detail) {
    Errno e = Errno.of(code);
    String name = e == Errno.UNKNOWN ? "errno " + Math.abs(code) : e.name();
    String text = operation + ": " + name + " (" + e.description() + ")";
    return detail == null || detail.isEmpty() ? text : text + ": " + detail;
  }
}
