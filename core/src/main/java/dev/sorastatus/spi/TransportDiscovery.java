package dev.sorastatus.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds transports with {@link ServiceLoader}, for {@link TransportProvider#find}: the one place that does. */
final class TransportDiscovery {
  private TransportDiscovery() {}

  static List<TransportProvider> providers(ClassLoader loader) {
    List<TransportProvider> found = new ArrayList<>();
    try {
      for (TransportProvider p : ServiceLoader.load(TransportProvider.class, loader)) {
        found.add(p);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a sora-status transport could not be loaded: " + e.getMessage(), e);
    }
    found.sort(Comparator.comparing(TransportProvider::name));
    return found;
  }

  static TransportProvider only(List<TransportProvider> providers) {
    if (providers.size() == 1) {
      return providers.get(0);
    }
    if (providers.isEmpty()) {
      throw new IllegalStateException("No sora-status transport found on the classpath. Add one dependency: "
          + "dev.sorastatus:sora-status-transport-jdk (no further dependencies) or "
          + "dev.sorastatus:sora-status-transport-apache (Apache HttpClient 5).");
    }
    String first = providers.get(0).name();
    throw new IllegalStateException("Found " + providers.size() + " sora-status transports on the classpath: "
        + names(providers) + ". Choose one: SoraClient.create(config, \"" + first + "\"), "
        + "SoraStatusModule.builder().transport(\"" + first + "\") with Guice, or keep only one transport dependency.");
  }

  static TransportProvider named(List<TransportProvider> providers, String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (TransportProvider p : providers) {
      if (p.name().equals(wanted)) {
        return p;
      }
    }
    throw new IllegalStateException("No sora-status transport named '" + name + "' on the classpath; found "
        + (providers.isEmpty() ? "none" : names(providers).toString())
        + ". Add dev.sorastatus:sora-status-transport-" + wanted + " to the dependencies.");
  }

  private static List<String> names(List<TransportProvider> providers) {
    return providers.stream().map(TransportProvider::name).collect(Collectors.toUnmodifiableList());
  }
}
