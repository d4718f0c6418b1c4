package dev.lanyard;

/** A resource is exhausted or a service cannot be reached, e.g. no free address pool (Docker: Unavailable). */
public class UnavailableException extends NetworkException {
  public UnavailableException(String message) {
    super(message);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
