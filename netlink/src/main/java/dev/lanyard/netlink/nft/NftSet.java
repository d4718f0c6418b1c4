package dev.lanyard.netlink.nft;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named set, or a map when it has a {@code dataType} ({@link DataType#VERDICT} for a verdict map):
 * {@code set ip filter nets { type ipv4_addr; flags interval; }}. {@code timeout} is the default
 * element timeout of a set with {@link SetFlag#TIMEOUT}; {@code handle} is the kernel's (0 before it is
 * added).
 */
public record NftSet(Family family, String table, String name, DataType keyType, Optional<DataType> dataType,
    Set<SetFlag> flags, Optional<Duration> timeout, long handle) {
  public NftSet {
    Objects.requireNonNull(family, "family");
    Names.require("table", table);
    Names.require("set", name);
    Objects.requireNonNull(keyType, "keyType");
    if (keyType == DataType.VERDICT) {
      throw new IllegalArgumentException("set " + name + ": verdicts cannot be keys");
    }
    Objects.requireNonNull(dataType, "dataType");
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isPresent()) {
      if (!flags.contains(SetFlag.TIMEOUT)) {
        throw new IllegalArgumentException("set " + name + ": a default timeout needs flag TIMEOUT");
      }
      if (timeout.get().isNegative() || timeout.get().isZero()) {
        throw new IllegalArgumentException("set " + name + ": timeout must be positive: " + timeout.get());
      }
    }
  }

  /** A set of {@code keyType} values. */
  public static NftSet of(Family family, String table, String name, DataType keyType, SetFlag... flags) {
    return new NftSet(family, table, name, keyType, Optional.empty(), Set.of(flags), Optional.empty(), 0);
  }

  /** A map from {@code keyType} to {@code dataType} (a verdict map for {@link DataType#VERDICT}). */
  public static NftSet map(Family family, String table, String name, DataType keyType, DataType dataType,
      SetFlag... flags) {
    return new NftSet(family, table, name, keyType, Optional.of(dataType), Set.of(flags), Optional.empty(), 0);
  }

  /** This set with a default element timeout (adds flag TIMEOUT). */
  public NftSet withTimeout(Duration defaultTimeout) {
    EnumSet<SetFlag> more = flags.isEmpty() ? EnumSet.noneOf(SetFlag.class) : EnumSet.copyOf(flags);
    more.add(SetFlag.TIMEOUT);
    return new NftSet(family, table, name, keyType, dataType, more, Optional.of(defaultTimeout), handle);
  }

  /** This set with another kernel handle (0 to compare a listed set with one built). */
  public NftSet withHandle(long newHandle) {
    return new NftSet(family, table, name, keyType, dataType, flags, timeout, newHandle);
  }

  public boolean isMap() {
    return dataType.isPresent();
  }

  public boolean isInterval() {
    return flags.contains(SetFlag.INTERVAL);
  }

  @Override
  public String toString() {
    return (isMap() ? "map " : "set ") + family.nftName() + " " + table + " " + name;
  }
}
