package dev.lanyard;

/**
 * The root of every error Lanyard reports. Subclasses name the kind, as Docker's errdefs do: not
 * found, conflict, invalid parameter, forbidden, unavailable. Messages use Docker's wording where
 * Docker has one and always name the offending value.
 */
public class NetworkException extends RuntimeException {
  public NetworkException(String message) {
    super(message);
  }

  public NetworkException(String message, Throwable cause) {
    super(message, cause);
  }
}
