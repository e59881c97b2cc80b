package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.spi.TransportProvider;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoStatusPortsTest {
  @TempDir Path dir;

  /** A transport that records nothing and answers nothing: discovery only looks at names. */
  public static class Alpha implements TransportProvider {
    @Override
    public String name() {
      return "alpha";
    }

    @Override
    public CloseableVideoStatusPort create(SoraConfig config) {
      return new CloseableVideoStatusPort() {
        @Override
        public Video retrieve(VideoId id) {
          return Video.builder(id, VideoStatus.QUEUED).model(config.baseUrl().getHost()).build();
        }

        @Override
        public CompletableFuture<Video> retrieveAsync(VideoId id) {
          return CompletableFuture.completedFuture(retrieve(id));
        }

        @Override
        public void close() {}
      };
    }
  }

  /** A second transport, to make discovery ambiguous. */
  public static class Beta extends Alpha {
    @Override
    public String name() {
      return "beta";
    }
  }

  private ClassLoader loaderListing(Class<?>... providers) throws IOException {
    StringBuilder listing = new StringBuilder();
    for (Class<?> p : providers) {
      listing.append(p.getName()).append('\n');
    }
    Path file = dir.resolve("services.txt");
    Files.writeString(file, listing, StandardCharsets.UTF_8);
    URL url = file.toUri().toURL();
    return new ClassLoader(getClass().getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.equals("META-INF/services/" + TransportProvider.class.getName())
            ? Collections.enumeration(List.of(url))
            : super.getResources(name);
      }
    };
  }

  private static SoraConfig config() {
    return SoraConfig.builder().baseUrl("https://api.example.com/v1").apiKey("sk-test-0123456789").build();
  }

  @Test
  void theOnlyTransportIsChosen() throws Exception {
    List<TransportProvider> found = VideoStatusPorts.providers(loaderListing(Alpha.class));

    TransportProvider only = VideoStatusPorts.only(found);

    assertThat(only.name()).isEqualTo("alpha");
    assertThat(only.create(config()).retrieve(VideoId.of("v1")).model()).contains("api.example.com");
  }

  @Test
  void noTransportSaysWhichDependencyToAdd() throws Exception {
    List<TransportProvider> found = VideoStatusPorts.providers(loaderListing());

    assertThatThrownBy(() -> VideoStatusPorts.only(found))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No sora-status transport found")
        .hasMessageContaining("sora-status-transport-jdk")
        .hasMessageContaining("sora-status-transport-apache");
  }

  @Test
  void twoTransportsAreListedWithHowToChoose() throws Exception {
    List<TransportProvider> found = VideoStatusPorts.providers(loaderListing(Beta.class, Alpha.class));

    assertThatThrownBy(() -> VideoStatusPorts.only(found))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Found 2 sora-status transports on the classpath: [alpha, beta]")
        .hasMessageContaining("VideoStatusPorts.create(config, \"alpha\")")
        .hasMessageContaining("SoraStatusModule.builder().transport(\"alpha\")");
  }

  @Test
  void aTransportCanBeChosenByNameInAnyCase() throws Exception {
    List<TransportProvider> found = VideoStatusPorts.providers(loaderListing(Alpha.class, Beta.class));

    assertThat(VideoStatusPorts.named(found, " BETA ").name()).isEqualTo("beta");
  }

  @Test
  void anUnknownNameListsWhatWasFound() throws Exception {
    List<TransportProvider> found = VideoStatusPorts.providers(loaderListing(Alpha.class));

    assertThatThrownBy(() -> VideoStatusPorts.named(found, "okhttp"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No sora-status transport named 'okhttp'")
        .hasMessageContaining("[alpha]");
  }

  @Test
  void aBrokenProviderEntryIsAClearError() throws Exception {
    Path file = dir.resolve("broken.txt");
    Files.writeString(file, "dev.sorastatus.NoSuchProvider\n");
    URL url = file.toUri().toURL();
    ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith("META-INF/services/") ? Collections.enumeration(List.of(url)) : super.getResources(name);
      }
    };

    assertThatThrownBy(() -> VideoStatusPorts.providers(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be loaded")
        .hasMessageContaining("NoSuchProvider");
  }

  @Test
  void coreAloneHasNoTransport() {
    assertThat(VideoStatusPorts.availableTransports()).isEmpty();
    assertThatThrownBy(() -> VideoStatusPorts.create(config())).hasMessageContaining("No sora-status transport found");
    assertThatThrownBy(() -> VideoStatusPorts.create(null)).hasMessage("config == null");
  }
}
