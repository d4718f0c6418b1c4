package dev.lanyard.resolver.service;

import dev.lanyard.Networks;
import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.NetworkService;
import dev.lanyard.spi.NetworkServiceProvider;

/**
 * Registers {@link DnsService} with every controller this JVM opens (listed in
 * {@code META-INF/services/dev.lanyard.spi.NetworkServiceProvider}). The system property
 * {@code lanyard.dns=false} turns it off, for programs that serve DNS from a process of their own.
 */
public final class DnsServiceProvider implements NetworkServiceProvider {
  /** The system property that turns the automatic service off when {@code false}. */
  public static final String ENABLED_PROPERTY = "lanyard.dns";

  @Override
  public String name() {
    return "dns";
  }

  @Override
  public NetworkService create(Networks networks, DriverContext context) {
    if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) {
      return () -> { };
    }
    return DnsService.serve(networks);
  }
}
