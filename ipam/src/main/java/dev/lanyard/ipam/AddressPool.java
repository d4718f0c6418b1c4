package dev.lanyard.ipam;

import dev.lanyard.ConflictException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.UnavailableException;
import dev.lanyard.net.IpPrefix;
import dev.lanyard.net.Ipv6Text;
import dev.lanyard.spi.PoolStatus;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses of one pool: its subnet, the ip-range dynamic addresses come from, and what is taken.
 *
 * <p>Addresses are handled as 128-bit numbers in two longs (IPv4 in the low 32 bits). A subnet is cut
 * into windows of 2^63 addresses, each with its own {@link AddressSet}; only IPv6 subnets shorter than
 * /65 have more than one. Dynamic addresses come from the window where the range starts, as in
 * Docker (whose bitmaps stop at 2^63 too); a requested address may be anywhere in the subnet.
 *
 * <p>Reserved and never handed out: the first address (IPv4 network address, IPv6 subnet-router
 * anycast), and for IPv4 the broadcast address, except in IPv4 /31 and /32 (RFC 3021), as Docker does.
 * They count as in use, like Docker's status does. Not thread-safe: {@link DefaultIpam} locks the pool.
 */
final class AddressPool {
  private static final int WINDOW_BITS = 63;
  private static final long WINDOW_MASK = Long.MAX_VALUE;

  private final IpPrefix subnet;
  private final IpPrefix range;
  private final boolean serial;
  private final boolean ipv4;
  private final int hostBits;
  private final long baseHi;
  private final long baseLo;
  private final long hostMaskHi;
  private final long hostMaskLo;
  private final long reservedFirst;
  private final long reservedLast;
  /** Window 0, the only one unless the subnet has more than 2^63 addresses. */
  private final AddressSet firstWindow;
  /** Further windows by unsigned index, made on first use (IPv6 subnets shorter than /65 only). */
  private final Map<Long, AddressSet> otherWindows = new HashMap<>();
  private final long rangeFirstHi;
  private final long rangeFirstLo;
  private final long rangeLastHi;
  private final long rangeLastLo;
  private final long dynamicWindow;
  private final long dynamicFrom;
  private final long dynamicTo;
  /** Serial mode: where the next search starts, just after the last dynamic address. */
  private long cursor;
  private InetAddress gateway;

  AddressPool(IpPrefix subnet, Optional<IpPrefix> ipRange, boolean serial) {
    this.subnet = subnet;
    this.range = ipRange.orElse(subnet);
    this.serial = serial;
    this.ipv4 = subnet.isIpv4();
    this.hostBits = subnet.bits() - subnet.length();
    byte[] base = subnet.addressBytes();
    this.baseHi = hi(base);
    this.baseLo = lo(base);
    this.hostMaskHi = hostBits <= 64 ? 0 : hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
    this.hostMaskLo = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
    this.firstWindow = AddressSet.forHostBits(Math.min(hostBits, WINDOW_BITS));
    byte[] rangeFirst = range.firstAddress().getAddress();
    byte[] rangeLast = range.lastAddress().getAddress();
    this.rangeFirstHi = hi(rangeFirst) & hostMaskHi;
    this.rangeFirstLo = lo(rangeFirst) & hostMaskLo;
    this.rangeLastHi = hi(rangeLast) & hostMaskHi;
    this.rangeLastLo = lo(rangeLast) & hostMaskLo;
    this.dynamicWindow = window(rangeFirstHi, rangeFirstLo);
    this.dynamicFrom = rangeFirstLo & WINDOW_MASK;
    this.dynamicTo = window(rangeLastHi, rangeLastLo) == dynamicWindow ? rangeLastLo & WINDOW_MASK : WINDOW_MASK;
    this.cursor = dynamicFrom;
    boolean pointToPoint = ipv4 && hostBits <= 1;
    this.reservedFirst = pointToPoint ? AddressSet.NONE : 0;
    this.reservedLast = ipv4 && !pointToPoint ? hostMaskLo : AddressSet.NONE;
    if (reservedFirst != AddressSet.NONE) {
      firstWindow.add(reservedFirst);
    }
    if (reservedLast != AddressSet.NONE) {
      firstWindow.add(reservedLast);
    }
  }

  IpPrefix subnet() {
    return subnet;
  }

  /**
   * Takes {@code preferred}, or for a gateway the lowest free address of the subnet, or else the next
   * dynamic address of the range.
   */
  InetAddress request(InetAddress preferred, boolean gatewayRequest, boolean serialRequest) {
    if (gatewayRequest && gateway != null) {
      throw new InvalidParameterException("subnet " + subnet + " already has gateway " + text(gateway)
          + "; a second gateway " + (preferred == null ? "" : text(preferred) + " ") + "is not allowed");
    }
    InetAddress taken;
    if (preferred != null) {
      taken = takePreferred(preferred);
    } else if (gatewayRequest) {
      taken = takeLowestInSubnet();
    } else {
      taken = takeDynamic(serial || serialRequest);
    }
    if (gatewayRequest) {
      gateway = taken;
    }
    return taken;
  }

  private InetAddress takePreferred(InetAddress preferred) {
    byte[] bytes = checkedBytes(preferred);
    long offHi = hi(bytes) & hostMaskHi;
    long offLo = lo(bytes) & hostMaskLo;
    long inWindow = offLo & WINDOW_MASK;
    long window = window(offHi, offLo);
    if (window == 0 && (inWindow == reservedFirst || inWindow == reservedLast)) {
      throw new ConflictException("Address already in use: " + text(preferred) + " is the reserved "
          + (inWindow == reservedFirst ? "first" : "broadcast") + " address of " + subnet);
    }
    if (!windowFor(window, true).add(inWindow)) {
      throw new ConflictException("Address already in use: " + text(preferred));
    }
    return preferred;
  }

  private InetAddress takeLowestInSubnet() {
    long found = firstWindow.firstFree(0, hostBits >= WINDOW_BITS ? WINDOW_MASK : hostMaskLo);
    if (found == AddressSet.NONE) {
      throw noneLeft(subnet);
    }
    firstWindow.add(found);
    return address(0, found);
  }

  private InetAddress takeDynamic(boolean serialMode) {
    AddressSet set = windowFor(dynamicWindow, true);
    long found;
    if (serialMode) {
      found = set.firstFree(cursor, dynamicTo);
      if (found == AddressSet.NONE) {
        found = set.firstFree(dynamicFrom, cursor - 1);
      }
    } else {
      found = set.firstFree(dynamicFrom, dynamicTo);
    }
    if (found == AddressSet.NONE) {
      throw noneLeft(range);
    }
    set.add(found);
    cursor = found == dynamicTo ? dynamicFrom : found + 1;
    return address(dynamicWindow, found);
  }

  private static UnavailableException noneLeft(IpPrefix where) {
    return new UnavailableException("no available addresses on this pool: " + where);
  }

  /** Frees {@code address}; freeing a free or reserved address does nothing. */
  void release(InetAddress address) {
    byte[] bytes = checkedBytes(address);
    long offHi = hi(bytes) & hostMaskHi;
    long offLo = lo(bytes) & hostMaskLo;
    long window = window(offHi, offLo);
    long inWindow = offLo & WINDOW_MASK;
    if (window == 0 && (inWindow == reservedFirst || inWindow == reservedLast)) {
      return;
    }
    AddressSet set = windowFor(window, false);
    if (set != null && set.remove(inWindow) && window != 0 && set.count() == 0) {
      otherWindows.remove(window);
    }
    if (address.equals(gateway)) {
      gateway = null;
    }
  }

  PoolStatus status() {
    BigInteger inUse = BigInteger.valueOf(firstWindow.count());
    for (AddressSet set : otherWindows.values()) {
      inUse = inUse.add(BigInteger.valueOf(set.count()));
    }
    long firstWindowOfRange = window(rangeFirstHi, rangeFirstLo);
    long lastWindowOfRange = window(rangeLastHi, rangeLastLo);
    BigInteger inRange = BigInteger.ZERO;
    for (long w : windowsInUse()) {
      if (Long.compareUnsigned(w, firstWindowOfRange) < 0 || Long.compareUnsigned(w, lastWindowOfRange) > 0) {
        continue;
      }
      long from = w == firstWindowOfRange ? rangeFirstLo & WINDOW_MASK : 0;
      long to = w == lastWindowOfRange ? rangeLastLo & WINDOW_MASK : WINDOW_MASK;
      inRange = inRange.add(BigInteger.valueOf(windowFor(w, false).countIn(from, to)));
    }
    return new PoolStatus(inUse, range.size().subtract(inRange));
  }

  private List<Long> windowsInUse() {
    List<Long> windows = new ArrayList<>(otherWindows.keySet());
    windows.add(0L);
    return windows;
  }

  /** The address's bytes, once it is known to lie in the subnet (same family, same network bits). */
  private byte[] checkedBytes(InetAddress address) {
    byte[] bytes = address.getAddress();
    if ((bytes.length == 4) != ipv4 || (hi(bytes) & ~hostMaskHi) != baseHi || (lo(bytes) & ~hostMaskLo) != baseLo) {
      throw new InvalidParameterException(
          "requested address is out of range: " + text(address) + " is not in " + subnet);
    }
    return bytes;
  }

  private AddressSet windowFor(long window, boolean create) {
    if (window == 0) {
      return firstWindow;
    }
    AddressSet set = otherWindows.get(window);
    if (set == null && create) {
      set = AddressSet.forHostBits(WINDOW_BITS);
      otherWindows.put(window, set);
    }
    return set;
  }

  /** Which 2^63-address window a host offset lies in (unsigned; 0 for subnets of up to 2^63 addresses). */
  private static long window(long offHi, long offLo) {
    return (offHi << 1) | (offLo >>> WINDOW_BITS);
  }

  private InetAddress address(long window, long inWindow) {
    long lo = baseLo | (window << WINDOW_BITS) | inWindow;
    long hi = baseHi | (window >>> 1);
    byte[] bytes;
    if (ipv4) {
      int v = (int) lo;
      bytes = new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    } else {
      bytes = new byte[16];
      for (int i = 0; i < 8; i++) {
        bytes[i] = (byte) (hi >>> (56 - 8 * i));
        bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** How Docker and iproute2 print an address: dotted quad, or RFC 5952 for IPv6. */
  private static String text(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == 4 ? address.getHostAddress() : Ipv6Text.canonical(bytes);
  }

  private static long hi(byte[] bytes) {
    return bytes.length == 4 ? 0 : bigEndian(bytes, 0);
  }

  private static long lo(byte[] bytes) {
    if (bytes.length == 4) {
      return ((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xffL) << 16) | ((bytes[2] & 0xffL) << 8) | (bytes[3] & 0xffL);
    }
    return bigEndian(bytes, 8);
  }

  private static long bigEndian(byte[] bytes, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = (v << 8) | (bytes[i] & 0xffL);
    }
    return v;
  }
}
