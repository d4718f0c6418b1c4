package dev.lanyard.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Loads providers of one SPI through {@link ServiceLoader} with the SPI's own class loader. A provider
 * that cannot be instantiated or named is recorded by its class name with the reason, and the others
 * still load.
 */
final class Providers<P> {
  final Map<String, P> byName = new LinkedHashMap<>();
  final Map<String, String> broken = new LinkedHashMap<>();

  Providers(Class<P> spi, Function<P, String> name) {
    ServiceLoader<P> loader = ServiceLoader.load(spi, spi.getClassLoader());
    java.util.Iterator<ServiceLoader.Provider<P>> handles = loader.stream().iterator();
    while (true) {
      ServiceLoader.Provider<P> handle;
      try {
        if (!handles.hasNext()) {
          break;
        }
        handle = handles.next();
      } catch (ServiceConfigurationError e) {
        // a listed class that does not load: ServiceLoader goes on with the next one
        broken.put("provider#" + (broken.size() + 1), String.valueOf(e.getMessage()));
        continue;
      }
      String className = handle.type().getName();
      try {
        P provider = handle.get();
        byName.putIfAbsent(name.apply(provider), provider);
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        broken.put(className, String.valueOf(e.getMessage()));
      }
    }
  }

  /** Why {@code name} is unavailable, for error messages: the broken providers, if any. */
  String brokenNote() {
    return broken.isEmpty() ? "" : " (broken providers: " + broken + ")";
  }
}
