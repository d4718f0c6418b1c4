package dev.lanyard.bridge;

import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.NetworkDriver;
import dev.lanyard.spi.NetworkDriverProvider;

/**
 * Docker's {@code bridge} network driver, found by {@link java.util.ServiceLoader}: putting this module on
 * the class path makes {@code networks.newNetwork("n").create()} build a Linux bridge with Docker's
 * nftables rules, and gives the controller its predefined {@code bridge} network (device
 * {@code lanyard0}).
 *
 * <pre>{@code
 * try (Networks networks = Networks.builder().hostNamespace(Path.of("/run/netns/host")).open()) {
 *   Network web = networks.newNetwork("web").option("com.docker.network.bridge.enable_icc", "false").create();
 *   Container c = networks.run("c1", o -> o.network("web", e -> e.publish(8080, 80, "tcp")));
 * }
 * }</pre>
 *
 * <p>Every host-side object (bridges, host veth ends, the {@code ip}/{@code ip6 lanyard-bridges} tables,
 * sysctls) is made in the controller's host namespace; the container end of each veth is created directly
 * in the container's namespace. The driver is thread-safe; a background thread deletes veth pairs after
 * disconnects and another watches nf_tables for someone removing Lanyard's tables.
 */
public final class BridgeDriverProvider implements NetworkDriverProvider {
  @Override
  public String name() {
    return "bridge";
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    return new BridgeDriver(context);
  }
}
