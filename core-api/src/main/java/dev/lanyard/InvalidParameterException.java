package dev.lanyard;

/** The request itself is malformed: a bad CIDR, a gateway outside its subnet, an unknown option (Docker: InvalidParameter). */
public class InvalidParameterException extends NetworkException {
  public InvalidParameterException(String message) {
    super(message);
  }

  public InvalidParameterException(String message, Throwable cause) {
    super(message, cause);
  }
}
