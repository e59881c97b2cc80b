package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.spi.Exchange;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportProvider;
import dev.sorastatus.spi.TransportRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one public entry: discovery by ServiceLoader, the calls, close, and what it shows. */
class SoraClientTest {
  private static final String KEY = "sk-client-canary-0123456789";
  @TempDir Path dir;

  /** A transport that answers every status read with a queued job, and counts closes. */
  public static class Alpha implements TransportProvider {
    static final AtomicInteger closed = new AtomicInteger();

    @Override
    public String name() {
      return "alpha";
    }

    @Override
    public HttpTransport create(SoraConfig config) {
      return new QueuedJobs();
    }
  }

  /** A second transport, to make discovery ambiguous. */
  public static class Beta extends Alpha {
    @Override
    public String name() {
      return "beta";
    }
  }

  static final class QueuedJobs implements HttpTransport {
    @Override
    public Exchange exchange(TransportRequest request) {
      String path = request.uri().getPath();
      byte[] body = ("{\"id\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\",\"status\":\"queued\"}")
          .getBytes(StandardCharsets.UTF_8);
      return new Exchange() {
        @Override
        public StreamedResponse send() {
          return new StreamedResponse(200, Map.of("Content-Type", List.of("application/json")),
              new ByteArrayInputStream(body), () -> { });
        }

        @Override
        public void cancel() {}
      };
    }

    @Override
    public void close() {
      Alpha.closed.incrementAndGet();
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

  private static <T> T withLoader(ClassLoader loader, Callable<T> action) throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return action.call();
    } finally {
      t.setContextClassLoader(before);
    }
  }

  private static SoraConfig config() {
    return SoraConfig.builder().baseUrl("https://api.example.com/v1").apiKey(KEY).build();
  }

  @Test
  void theOnlyTransportIsChosen() throws Exception {
    try (SoraClient client = withLoader(loaderListing(Alpha.class), () -> SoraClient.create(config()))) {
      assertThat(client.retrieve(VideoId.of("video_1")).status()).isEqualTo(VideoStatus.QUEUED);
      assertThat(client.retrieveAsync(VideoId.of("video_2")).get(10, TimeUnit.SECONDS).id().value())
          .isEqualTo("video_2");
      assertThat(client.config().baseUrl()).isEqualTo(config().baseUrl());
    }
  }

  @Test
  void noTransportSaysWhichDependencyToAdd() throws Exception {
    ClassLoader none = loaderListing();
    assertThatThrownBy(() -> withLoader(none, () -> SoraClient.create(config())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No sora-status transport found")
        .hasMessageContaining("sora-status-transport-jdk")
        .hasMessageContaining("sora-status-transport-apache");
  }

  @Test
  void twoTransportsAreListedWithHowToChoose() throws Exception {
    ClassLoader two = loaderListing(Beta.class, Alpha.class);
    assertThatThrownBy(() -> withLoader(two, () -> SoraClient.create(config())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Found 2 sora-status transports on the classpath: [alpha, beta]")
        .hasMessageContaining("SoraClient.create(config, \"alpha\")")
        .hasMessageContaining("SoraStatusModule.builder().transport(\"alpha\")");
  }

  @Test
  void aTransportCanBeChosenByNameInAnyCaseAndAnUnknownNameListsWhatWasFound() throws Exception {
    ClassLoader two = loaderListing(Alpha.class, Beta.class);
    try (SoraClient beta = withLoader(two, () -> SoraClient.create(config(), " BETA "))) {
      assertThat(beta.retrieve(VideoId.of("video_b")).status()).isEqualTo(VideoStatus.QUEUED);
    }
    assertThatThrownBy(() -> withLoader(two, () -> SoraClient.create(config(), "okhttp")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No sora-status transport named 'okhttp'")
        .hasMessageContaining("[alpha, beta]");
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

    assertThatThrownBy(() -> withLoader(loader, () -> SoraClient.create(config())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be loaded")
        .hasMessageContaining("NoSuchProvider");
  }

  @Test
  void coreAloneHasNoTransport() {
    assertThatThrownBy(() -> SoraClient.create(config())).hasMessageContaining("No sora-status transport found");
    assertThatThrownBy(() -> SoraClient.create(null)).hasMessage("config == null");
    assertThatThrownBy(() -> SoraClient.over(config(), null)).hasMessage("transport == null");
  }

  @Test
  void closeClosesTheTransportOnceAndLaterCallsAreRefused() {
    int before = Alpha.closed.get();
    SoraClient client = SoraClient.over(config(), new QueuedJobs());

    client.close();
    client.close();

    assertThat(Alpha.closed.get() - before).isEqualTo(1);
    assertThatThrownBy(() -> client.retrieve(VideoId.of("video_1"))).isInstanceOf(IllegalStateException.class)
        .hasMessage("SoraClient is closed");
    assertThatThrownBy(() -> client.retrieveAsync(VideoId.of("video_1"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> VideoDownloader.create(client).download(
        Video.builder(VideoId.of("video_1"), VideoStatus.COMPLETED).build(), dir.resolve("x.mp4")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toStringShowsTheBaseUrlAndTransportButNeverTheKey() {
    try (SoraClient client = SoraClient.over(config(), new QueuedJobs())) {
      assertThat(client).hasToString("SoraClient[https://api.example.com/v1, QueuedJobs]");
      assertThat(client.toString()).doesNotContain(KEY);
    }
  }
}
