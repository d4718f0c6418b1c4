package dev.lanyard.netlink.nft;

import java.util.Objects;

/** A table: family and name, plus the handle and flags the kernel reports (0 for one not yet added). */
public record Table(Family family, String name, int flags, long handle) {
  public Table {
    Objects.requireNonNull(family, "family");
    Names.require("table", name);
  }

  public static Table of(Family family, String name) {
    return new Table(family, name, 0, 0);
  }

  @Override
  public String toString() {
    return "table " + family.nftName() + " " + name;
  }
}
