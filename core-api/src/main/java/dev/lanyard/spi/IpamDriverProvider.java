package dev.lanyard.spi;

/**
 * Makes an {@link IpamDriver}; found through {@link java.util.ServiceLoader}. The controller creates one
 * driver per provider name for its lifetime.
 */
public interface IpamDriverProvider {
  /** The name users select with {@code --ipam-driver}, e.g. {@code default}, {@code null}. */
  String name();

  IpamDriver create(IpamContext context);
}
