package dev.lanyard.netlink.nft;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a set or map: a key, or an inclusive range {@code key..keyTo} in an interval set; the
 * value of a map element ({@code data}) or the verdict of a verdict-map element; and an optional
 * timeout. A single key added to an interval set is stored by the kernel as the range key..key.
 */
public record SetElement(Bytes key, Optional<Bytes> keyTo, Optional<Bytes> data, Optional<Verdict> verdict,
    Optional<Duration> timeout) {
  public SetElement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyTo, "keyTo");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(timeout, "timeout");
    if (keyTo.isPresent()) {
      if (keyTo.get().length() != key.length()) {
        throw new IllegalArgumentException("range " + key + ".." + keyTo.get() + ": ends of different lengths");
      }
      if (Bytes.compareUnsigned(key, keyTo.get()) > 0) {
        throw new IllegalArgumentException("range " + key + ".." + keyTo.get() + ": start after end");
      }
    }
    if (data.isPresent() && verdict.isPresent()) {
      throw new IllegalArgumentException("element " + key + " cannot map to both data and a verdict");
    }
    timeout.ifPresent(t -> {
      if (t.isNegative() || t.isZero()) {
        throw new IllegalArgumentException("element " + key + ": timeout must be positive: " + t);
      }
    });
  }

  public static SetElement of(Bytes key) {
    return new SetElement(key, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The inclusive range {@code from..to} (for interval sets). */
  public static SetElement range(Bytes from, Bytes to) {
    return new SetElement(from, Optional.of(to), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** All addresses of a prefix, e.g. 10.0.0.0/8 (for interval sets of addresses). */
  public static SetElement prefix(InetAddress network, int prefixLength) {
    Bytes address = Bytes.address(network);
    Bytes mask = Bytes.prefixMask(address.length(), prefixLength);
    Bytes first = address.and(mask);
    byte[] last = first.toArray();
    for (int i = 0; i < last.length; i++) {
      last[i] |= (byte) ~mask.get(i);
    }
    return range(first, Bytes.of(last));
  }

  public static SetElement mapping(Bytes key, Bytes value) {
    return new SetElement(key, Optional.empty(), Optional.of(value), Optional.empty(), Optional.empty());
  }

  public static SetElement verdict(Bytes key, Verdict verdict) {
    return new SetElement(key, Optional.empty(), Optional.empty(), Optional.of(verdict), Optional.empty());
  }

  /** This element with its own timeout (the set needs flag TIMEOUT). */
  public SetElement withTimeout(Duration elementTimeout) {
    return new SetElement(key, keyTo, data, verdict, Optional.of(elementTimeout));
  }

  /** The last key covered: {@code keyTo}, or {@code key} for a single element. */
  public Bytes last() {
    return keyTo.orElse(key);
  }
}
