package dev.lanyard.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.InvalidParameterException;
import java.math.BigInteger;
import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IpPrefixArithmeticProperties {

  @Provide
  Arbitrary<IpPrefix> prefixes() {
    Arbitrary<IpPrefix> v4 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(4),
        Arbitraries.integers().between(0, 32)).as(this::prefix);
    Arbitrary<IpPrefix> v6 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(16),
        Arbitraries.integers().between(0, 128)).as(this::prefix);
    // small v4 prefixes under one /16 so that overlaps are frequent
    Arbitrary<IpPrefix> near = Combinators.combine(Arbitraries.integers().between(0, 0xffff),
        Arbitraries.integers().between(16, 32)).as((low, len) ->
        prefix(new byte[] {10, 7, (byte) (low >>> 8), (byte) (int) low}, len));
    return Arbitraries.oneOf(v4, v6, near);
  }

  private IpPrefix prefix(byte[] bytes, int length) {
    try {
      return IpPrefix.of(InetAddress.getByAddress(bytes), length);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Property
  void numberRoundTrips(@ForAll("prefixes") IpPrefix p) {
    InetAddress a = p.address();
    assertThat(IpPrefix.fromNumber(IpPrefix.toNumber(a), p.isIpv4())).isEqualTo(a);
  }

  @Property
  void firstAndLastBoundThePrefix(@ForAll("prefixes") IpPrefix p) {
    BigInteger first = IpPrefix.toNumber(p.firstAddress());
    BigInteger last = IpPrefix.toNumber(p.lastAddress());
    assertThat(p.contains(p.firstAddress())).isTrue();
    assertThat(p.contains(p.lastAddress())).isTrue();
    assertThat(last.subtract(first).add(BigInteger.ONE)).isEqualTo(p.size());
    assertThat(IpPrefix.toNumber(p.address())).isBetween(first, last);
    assertThat(p.firstAddress()).isEqualTo(p.masked().address());
  }

  @Property
  void overlapIsSymmetricAndEqualsIntervalIntersection(@ForAll("prefixes") IpPrefix a, @ForAll("prefixes") IpPrefix b) {
    boolean intersect = a.isIpv4() == b.isIpv4()
        && IpPrefix.toNumber(a.firstAddress()).compareTo(IpPrefix.toNumber(b.lastAddress())) <= 0
        && IpPrefix.toNumber(b.firstAddress()).compareTo(IpPrefix.toNumber(a.lastAddress())) <= 0;
    assertThat(a.overlaps(b)).isEqualTo(b.overlaps(a)).isEqualTo(intersect);
  }

  @Property
  void subnetIsInsideAndAtItsIndex(@ForAll("prefixes") IpPrefix p, @ForAll long seed, @ForAll int extra) {
    int length = p.length() + Math.floorMod(extra, Math.min(p.bits() - p.length(), 20) + 1);
    BigInteger count = BigInteger.ONE.shiftLeft(length - p.length());
    BigInteger index = BigInteger.valueOf(seed).abs().mod(count);
    IpPrefix sub = p.subnet(index, length);
    assertThat(sub.length()).isEqualTo(length);
    assertThat(sub.hasHostBits()).isFalse();
    assertThat(p.contains(sub)).isTrue();
    BigInteger offset = IpPrefix.toNumber(sub.firstAddress()).subtract(IpPrefix.toNumber(p.firstAddress()));
    assertThat(offset.shiftRight(p.bits() - length)).isEqualTo(index);
  }

  @Example
  void splitsLikeDockersPools() {
    assertThat(IpPrefix.parse("172.20.0.0/14").subnet(BigInteger.valueOf(3), 16)).hasToString("172.23.0.0/16");
    assertThat(IpPrefix.parse("192.168.0.0/16").subnet(BigInteger.valueOf(15), 20)).hasToString("192.168.240.0/20");
    assertThat(IpPrefix.parse("172.17.0.0/16").lastAddress().getHostAddress()).isEqualTo("172.17.255.255");
    assertThat(IpPrefix.parse("fd00::/64").size()).isEqualTo(BigInteger.ONE.shiftLeft(64));
  }

  @Example
  void rejectsSubnetsOutsideThePrefix() {
    IpPrefix p = IpPrefix.parse("10.0.0.0/8");
    assertThatThrownBy(() -> p.subnet(BigInteger.valueOf(256), 16))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("256");
    assertThatThrownBy(() -> p.subnet(BigInteger.ZERO, 7))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("/7");
    assertThatThrownBy(() -> IpPrefix.fromNumber(BigInteger.ONE.shiftLeft(32), true))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("4294967296");
  }
}
