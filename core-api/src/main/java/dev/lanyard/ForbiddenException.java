package dev.lanyard;

/** The request is well-formed but not allowed, e.g. removing a pre-defined network (Docker: Forbidden). */
public class ForbiddenException extends NetworkException {
  public ForbiddenException(String message) {
    super(message);
  }

  public ForbiddenException(String message, Throwable cause) {
    super(message, cause);
  }
}
