package dev.lanyard.netlink.nft;

/** {@code counter}: counts packets and bytes; a new counter starts at zero. */
public record Counter(long packets, long bytes) implements Expr {
  public Counter {
    if (packets < 0 || bytes < 0) {
      throw new IllegalArgumentException("counter values must be >= 0: " + packets + " packets, " + bytes + " bytes");
    }
  }

  /** A fresh counter. */
  public static Counter zero() {
    return new Counter(0, 0);
  }

  @Override
  public String kind() {
    return "counter";
  }
}
