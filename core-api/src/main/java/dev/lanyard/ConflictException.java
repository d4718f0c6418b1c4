package dev.lanyard;

/** The request clashes with existing state: a name in use, an overlapping pool, an address in use (Docker: Conflict). */
public class ConflictException extends NetworkException {
  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
