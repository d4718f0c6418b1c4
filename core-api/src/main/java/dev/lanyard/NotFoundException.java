package dev.lanyard;

/** A network, container, endpoint or pool that does not exist (Docker: NotFound). */
public class NotFoundException extends NetworkException {
  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
