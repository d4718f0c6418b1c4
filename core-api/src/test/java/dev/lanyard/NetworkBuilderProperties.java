package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.net.IpPrefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The Docker CLI's pairing of gateways, ranges and aux addresses with the subnet containing them. */
class NetworkBuilderProperties {
  private static NetworkBuilder builder() {
    return new NetworkBuilder("n", r -> {
      throw new AssertionError("never created");
    });
  }

  private static InetAddress v4(int bits) throws UnknownHostException {
    return InetAddress.getByAddress(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
  }

  @Property
  void aGatewayGoesToTheSubnetContainingIt(@ForAll int base, @ForAll @IntRange(min = 8, max = 30) int length,
      @ForAll int offset) throws Exception {
    IpPrefix subnet = IpPrefix.of(v4(base), length).masked();
    int size = 1 << (32 - length);
    InetAddress gateway = v4(new java.math.BigInteger(1, subnet.address().getAddress()).intValue()
        + Math.floorMod(offset, size));
    IpamConfig config = builder().subnet(subnet.toString()).gateway(gateway.getHostAddress()).request()
        .ipamConfigs().get(0);
    assertThat(config.subnet()).isEqualTo(subnet);
    assertThat(config.gateway()).contains(gateway);
  }

  @Property
  void aGatewayOutsideEverySubnetIsRefusedByName(@ForAll int base, @ForAll @IntRange(min = 8, max = 30) int length,
      @ForAll int other) throws Exception {
    IpPrefix subnet = IpPrefix.of(v4(base), length).masked();
    InetAddress gateway = v4(other);
    if (subnet.contains(gateway)) {
      return;
    }
    assertThatThrownBy(() -> builder().subnet(subnet.toString()).gateway(gateway.getHostAddress()).request())
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("no matching subnet for gateway " + gateway.getHostAddress());
  }

  @Property
  void subnetsWithHostBitsAreRefusedWithTheMaskedForm(@ForAll int base, @ForAll @IntRange(min = 0, max = 31) int length)
      throws Exception {
    IpPrefix given = IpPrefix.of(v4(base), length);
    if (!given.hasHostBits()) {
      assertThat(builder().subnet(given.toString()).request().ipamConfigs().get(0).subnet()).isEqualTo(given);
      return;
    }
    assertThatThrownBy(() -> builder().subnet(given.toString()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid subnet " + given + ": it should be " + given.masked());
  }
}
