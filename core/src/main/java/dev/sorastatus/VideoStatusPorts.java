package dev.sorastatus;

import dev.sorastatus.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the transport on the classpath and returns a port over it, so that code depending only on core
 * never names a transport. With exactly one transport jar present it is chosen; with none or several, the
 * error says what was found and how to choose.
 *
 * <pre>{@code
 * try (CloseableVideoStatusPort port = VideoStatusPorts.create(config)) {
 *   Video video = port.retrieve(VideoId.of("video_123"));
 * }
 * }</pre>
 */
public final class VideoStatusPorts {
  private VideoStatusPorts() {}

  /**
   * Returns a port over the only transport on the classpath.
   *
   * @param config where the API is and how to reach it
   * @return a new port; close it when done
   * @throws NullPointerException if {@code config} is null
   * @throws IllegalStateException if no transport, or more than one, is on the classpath
   */
  public static CloseableVideoStatusPort create(SoraConfig config) {
    Objects.requireNonNull(config, "config == null");
    return only(providers(Thread.currentThread().getContextClassLoader())).create(config);
  }

  /**
   * Returns a port over the transport named {@code transport}.
   *
   * @param config where the API is and how to reach it
   * @param transport the transport's name, such as {@code jdk} or {@code apache}
   * @return a new port; close it when done
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if no transport of that name is on the classpath
   */
  public static CloseableVideoStatusPort create(SoraConfig config, String transport) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(transport, "transport == null");
    return named(providers(Thread.currentThread().getContextClassLoader()), transport).create(config);
  }

  /**
   * Returns the names of the transports on the classpath, sorted.
   *
   * @return the names, such as {@code [apache, jdk]}
   */
  public static List<String> availableTransports() {
    return names(providers(Thread.currentThread().getContextClassLoader()));
  }

  /**
   * Returns the transport providers {@code loader} sees, sorted by name. For the Guice module and tests.
   *
   * @param loader where to look; null means the system class loader
   * @return the providers
   * @throws IllegalStateException if a provider cannot be loaded
   */
  public static List<TransportProvider> providers(ClassLoader loader) {
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

  /**
   * Returns the only provider in {@code providers}.
   *
   * @param providers what discovery found
   * @return the one provider
   * @throws IllegalStateException if there is none or more than one; the message lists them and how to choose
   */
  public static TransportProvider only(List<TransportProvider> providers) {
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
        + names(providers) + ". Choose one: VideoStatusPorts.create(config, \"" + first + "\"), "
        + "SoraStatusModule.builder().transport(\"" + first + "\") with Guice, or keep only one transport dependency.");
  }

  /**
   * Returns the provider named {@code name} in {@code providers}.
   *
   * @param providers what discovery found
   * @param name the transport's name, any case
   * @return the provider
   * @throws IllegalStateException if none has that name; the message lists those found
   */
  public static TransportProvider named(List<TransportProvider> providers, String name) {
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
