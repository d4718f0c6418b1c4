package dev.lanyard.spi;

import java.math.BigInteger;

/**
 * Usage of one subnet, as Docker's inspect reports it under {@code Status.IPAM.Subnets}.
 *
 * @param ipsInUse            addresses taken, reserved ones (network, broadcast, gateway, aux) included
 * @param dynamicIpsAvailable addresses of the ip-range still free for dynamic allocation
 */
public record PoolStatus(BigInteger ipsInUse, BigInteger dynamicIpsAvailable) {}
