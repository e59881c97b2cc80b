package dev.sorastatus.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import dev.sorastatus.DownloadResult;
import dev.sorastatus.PollOptions;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.spi.Exchange;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportProvider;
import dev.sorastatus.spi.TransportRequest;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.WireMockBackend;
import dev.sorastatus.transport.jdk.JdkHttpTransport;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoraStatusModuleTest {
  private static final String KEY = "sk-canary-guice-0123456789";
  private static WireMockBackend server;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    server = WireMockBackend.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
    CountingProvider.created.set(0);
  }

  private static SoraConfig config() {
    return SoraConfig.builder().baseUrl(server.baseUrl()).apiKey(KEY).build();
  }

  private static AbstractModule environment(Map<String, String> variables) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Environment.class).setBinding().toInstance(variables::get);
      }
    };
  }

  /** A transport that counts how often it is created and answers every id as queued. */
  public static class CountingProvider implements TransportProvider {
    static final AtomicInteger created = new AtomicInteger();

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public HttpTransport create(SoraConfig config) {
      created.incrementAndGet();
      return new HttpTransport() {
        @Override
        public Exchange exchange(TransportRequest request) {
          String path = request.uri().getPath();
          byte[] body = ("{\"id\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\",\"status\":\"queued\"}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          return new Exchange() {
            @Override
            public StreamedResponse send() {
              return new StreamedResponse(200, java.util.Map.of("content-type", java.util.List.of("application/json")),
                  new java.io.ByteArrayInputStream(body), () -> { });
            }

            @Override
            public void cancel() {}
          };
        }

        @Override
        public void close() {}
      };
    }
  }

  /** A second transport beside {@link CountingProvider}. */
  public static class OtherProvider extends CountingProvider {
    @Override
    public String name() {
      return "other";
    }
  }

  private ClassLoader loaderListing(Class<?>... providers) throws IOException {
    StringBuilder listing = new StringBuilder();
    for (Class<?> p : providers) {
      listing.append(p.getName()).append('\n');
    }
    Path file = Files.writeString(Files.createTempFile(dir, "services", ".txt"), listing);
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

  @Test
  void theOnlyTransportOnTheClasspathIsBoundWithoutNamingIt() {
    VideoId id = VideoId.of("video_guice_1");
    server.serve(Video.builder(id, VideoStatus.PROCESSING).progress(30).build());
    Injector injector = Guice.createInjector(SoraStatusModule.builder().config(config()).build());

    VideoStatusPort port = injector.getInstance(VideoStatusPort.class);

    assertThat(port).isInstanceOf(SoraClient.class).isSameAs(injector.getInstance(SoraClient.class));
    assertThat(port.retrieve(id).progress()).isEqualTo(30);
    assertThat(injector.getInstance(VideoStatusPort.class)).isSameAs(port);
    injector.getInstance(SoraStatusShutdown.class).close();
  }

  @Test
  void noTransportFailsAtInjectorCreationWithWhatToAdd() throws Exception {
    SoraStatusModule module = SoraStatusModule.builder().config(config()).classLoader(loaderListing()).build();

    assertThatThrownBy(() -> Guice.createInjector(module))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("No sora-status transport found on the classpath")
        .hasMessageContaining("sora-status-transport-jdk");
  }

  @Test
  void twoTransportsFailAtInjectorCreationWithTheListAndHowToChoose() throws Exception {
    SoraStatusModule module = SoraStatusModule.builder()
        .config(config()).classLoader(loaderListing(CountingProvider.class, OtherProvider.class)).build();

    assertThatThrownBy(() -> Guice.createInjector(module))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("Found 2 sora-status transports on the classpath: [counting, other]")
        .hasMessageContaining("SoraStatusModule.builder().transport(\"counting\")");
  }

  @Test
  void anExplicitChoiceResolvesTwoTransports() throws Exception {
    Injector injector = Guice.createInjector(SoraStatusModule.builder().config(config())
        .classLoader(loaderListing(CountingProvider.class, OtherProvider.class)).transport("other").build());

    injector.getInstance(VideoStatusPort.class).retrieve(VideoId.of("v1"));

    assertThat(CountingProvider.created).hasValue(1);
  }

  @Test
  void configurationCanBeBoundInsteadOfPassed() {
    VideoId id = VideoId.of("video_guice_2");
    server.serve(Video.builder(id, VideoStatus.QUEUED).build());
    Injector injector = Guice.createInjector(SoraStatusModule.create(), new AbstractModule() {
      @Override
      protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), SoraConfig.class).setBinding().toInstance(config());
      }
    });

    assertThat(injector.getInstance(VideoStatusPort.class).retrieve(id).status()).isEqualTo(VideoStatus.QUEUED);
    assertThat(server.lastRequest().orElseThrow().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    injector.getInstance(SoraStatusShutdown.class).close();
  }

  @Test
  void configurationIsReadFromTheEnvironmentWhenNeeded() {
    VideoId id = VideoId.of("video_guice_3");
    server.serve(Video.builder(id, VideoStatus.QUEUED).build());
    Injector injector = Guice.createInjector(SoraStatusModule.create(),
        environment(Map.of("OPENAI_BASE_URL", server.baseUrl().toString(), "SORA_API_KEY", KEY)));

    assertThat(injector.getInstance(SoraConfig.class).baseUrl()).isEqualTo(server.baseUrl());
    assertThat(injector.getInstance(VideoStatusPort.class).retrieve(id).status()).isEqualTo(VideoStatus.QUEUED);
    injector.getInstance(SoraStatusShutdown.class).close();
  }

  @Test
  void missingKeyNamesTheVariablesAndIsNoNullPointer() {
    Injector injector = Guice.createInjector(SoraStatusModule.create(),
        environment(Map.of("SORA_BASE_URL", "https://gateway.example.com/v1")));

    assertThatThrownBy(() -> injector.getInstance(VideoStatusPort.class))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("No API key: set SORA_API_KEY (or OPENAI_API_KEY)")
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void configureReadsNoEnvironmentEvenInProduction() {
    AbstractModule exploding = new AbstractModule() {
      @Override
      protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Environment.class).setBinding().toInstance(name -> {
          throw new AssertionError("environment read while wiring: " + name);
        });
      }
    };

    Injector injector = Guice.createInjector(Stage.PRODUCTION, SoraStatusModule.create(), exploding);

    assertThat(injector.getInstance(SoraStatusShutdown.class).isClosed()).isFalse();
  }

  @Test
  void aReplacedClockReachesTheClientBuiltFromTheEnvironment() {
    Clock fixed = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    Injector injector = Guice.createInjector(SoraStatusModule.create(),
        environment(Map.of("SORA_BASE_URL", server.baseUrl().toString(), "SORA_API_KEY", KEY)),
        new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(fixed);
          }
        });

    assertThat(injector.getInstance(SoraClient.class).config().clock()).isSameAs(fixed);
    injector.getInstance(SoraStatusShutdown.class).close();
  }

  @Test
  void oneLineSwapsInAnotherPortAndNoTransportIsCreated() throws Exception {
    VideoStatusPort fake = SoraClient.over(config(), new CountingProvider().create(config()));
    CountingProvider.created.set(0);
    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        SoraStatusModule.builder().config(config()).classLoader(loaderListing(CountingProvider.class)).port(fake).build());

    assertThat(injector.getInstance(VideoStatusPort.class)).isSameAs(fake);
    assertThat(CountingProvider.created).hasValue(0);
  }

  @Test
  void oneLineSwapsInAClientAsBothTheClientAndThePort() throws Exception {
    SoraClient mine = SoraClient.over(config(), new CountingProvider().create(config()));
    CountingProvider.created.set(0);
    Injector injector = Guice.createInjector(
        SoraStatusModule.builder().config(config()).classLoader(loaderListing()).client(mine).build());

    assertThat(injector.getInstance(SoraClient.class)).isSameAs(mine);
    assertThat(injector.getInstance(VideoStatusPort.class)).isSameAs(mine);
    assertThat(injector.getInstance(VideoDownloader.class)).isNotNull();
    injector.getInstance(SoraStatusShutdown.class).close();
    assertThat(mine.retrieve(VideoId.of("video_still_open")).status()).isEqualTo(VideoStatus.QUEUED);
    assertThat(CountingProvider.created).hasValue(0);
  }

  @Test
  void aSwappedInPortNeedsNoTransportOnTheClasspath() throws Exception {
    VideoStatusPort fake = SoraClient.over(config(), new CountingProvider().create(config()));
    Injector injector = Guice.createInjector(
        SoraStatusModule.builder().config(config()).classLoader(loaderListing()).port(fake).build());

    assertThat(injector.getInstance(VideoStatusPort.class)).isSameAs(fake);
  }

  @Test
  void shutdownClosesWhatTheModuleCreatedAndNothingElse() {
    VideoId id = VideoId.of("video_guice_4");
    server.serve(Video.builder(id, VideoStatus.QUEUED).build());
    Injector injector = Guice.createInjector(SoraStatusModule.builder().config(config()).build());
    VideoStatusPort created = injector.getInstance(VideoStatusPort.class);
    SoraClient callers = SoraClient.over(config(), JdkHttpTransport.create(config()));
    Injector swapped = Guice.createInjector(SoraStatusModule.withPort(callers));

    injector.getInstance(SoraStatusShutdown.class).close();
    injector.getInstance(SoraStatusShutdown.class).close();
    swapped.getInstance(SoraStatusShutdown.class).close();

    assertThatThrownBy(() -> created.retrieve(id)).isInstanceOf(IllegalStateException.class);
    assertThat(callers.retrieve(id).status()).isEqualTo(VideoStatus.QUEUED);
    assertThatThrownBy(() -> injector.getInstance(VideoStatusPort.class))
        .isInstanceOf(ProvisionException.class).hasMessageContaining("shut down");
    callers.close();
  }

  @Test
  void theDownloaderStreamsThroughTheDiscoveredTransport() throws Exception {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VideoId id = api.job().completed().contentBytes(20_000).create();
      Injector injector = Guice.createInjector(
          SoraStatusModule.builder().config(api.config().retryPolicy(RetryPolicy.none()).build()).build(),
          binder -> OptionalBinder.newOptionalBinder(binder, Clock.class).setBinding().toInstance(api.time()));
      try {
        Video done = injector.getInstance(VideoStatusPort.class).retrieve(id);

        DownloadResult result = injector.getInstance(VideoDownloader.class).download(done, dir.resolve("a.mp4"));

        assertThat(Files.readAllBytes(result.path())).isEqualTo(api.content(id));
        assertThat(injector.getInstance(VideoDownloader.class)).isSameAs(injector.getInstance(VideoDownloader.class));
      } finally {
        injector.getInstance(SoraStatusShutdown.class).close();
      }
    }
  }

  @Test
  void theInMemoryFakeInPlaceOfTheTransportDownloadsToo() throws IOException {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VideoId id = api.job().completed().contentBytes(20_000).create();
      Injector injector = Guice.createInjector(SoraStatusModule.withPort(api.port()),
          binder -> OptionalBinder.newOptionalBinder(binder, Clock.class).setBinding().toInstance(api.time()));
      Video done = injector.getInstance(VideoStatusPort.class).retrieve(id);

      DownloadResult result = injector.getInstance(VideoDownloader.class).download(done, dir.resolve("b.mp4"));

      assertThat(Files.readAllBytes(result.path())).isEqualTo(api.content(id));
    }
  }

  @Test
  void theDownloaderRetriesWithTheBoundSchedulerInVirtualTime() throws IOException {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VideoId id = api.job().completed().contentBytes(30_000).dropContentAfter(10_000).create();
      Injector injector = Guice.createInjector(SoraStatusModule.withPort(api.port()),
          binder -> OptionalBinder.newOptionalBinder(binder, Clock.class).setBinding().toInstance(api.time()),
          binder -> OptionalBinder.newOptionalBinder(binder, dev.sorastatus.TaskScheduler.class).setBinding()
              .toInstance(api.time()));
      Video done = injector.getInstance(VideoStatusPort.class).retrieve(id);

      DownloadResult result = injector.getInstance(VideoDownloader.class).download(done, dir.resolve("c.mp4"));

      assertThat(result.attempts()).isEqualTo(2);
      assertThat(api.time().sleeps()).hasSize(1); // the retry waited on virtual time, not for real
    }
  }

  @Test
  void theDownloaderTakesTheClientsRetryPolicy() {
    try (FakeVideoApi api = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).build()) {
      VideoId id = api.job().completed().contentBytes(30_000).dropContentAfter(10_000).create();
      Injector injector = Guice.createInjector(SoraStatusModule.withClient(api.port()));
      Video done = injector.getInstance(VideoStatusPort.class).retrieve(id);

      assertThatThrownBy(() -> injector.getInstance(VideoDownloader.class).download(done, dir.resolve("d.mp4")))
          .isInstanceOf(dev.sorastatus.SoraTransportException.class);
      assertThat(dir.resolve("d.mp4")).doesNotExist();
    }
  }

  @Test
  void aDownloaderOverAPortThatCannotDownloadFailsSayingWhatIsNeeded() {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VideoStatusPort readOnly = new VideoStatusPort() {
        @Override
        public Video retrieve(VideoId id) {
          return api.port().retrieve(id);
        }

        @Override
        public CompletableFuture<Video> retrieveAsync(VideoId id) {
          return api.port().retrieveAsync(id);
        }

        @Override
        public String toString() {
          return "a read-only port";
        }
      };
      Injector injector = Guice.createInjector(SoraStatusModule.withPort(readOnly));

      assertThatThrownBy(() -> injector.getInstance(VideoDownloader.class))
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining("VideoDownloader downloads through a SoraClient, and the bound port")
          .hasMessageContaining("a read-only port");
    }
  }

  @Test
  void thePollersRequestBudgetIsSetOnTheModule() {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VideoId first = api.job().completed().create();
      VideoId second = api.job().completed().create();
      Injector injector = Guice.createInjector(
          SoraStatusModule.builder().client(api.port()).poller(b -> b.requestsPerSecond(2)).build());
      VideoPoller poller = injector.getInstance(VideoPoller.class);

      api.runUntilDone(CompletableFuture.allOf(poller.awaitCompletedAsync(first), poller.awaitCompletedAsync(second)));

      // two waits of one poller share its budget: two reads a second are half a second apart (50 a second: 20 ms)
      assertThat(api.journal()).hasSize(2);
      assertThat(Duration.between(api.journal().get(0).at(), api.journal().get(1).at()))
          .isEqualTo(Duration.ofMillis(500));
    }
  }

  @Test
  void theModulesOwnWiringComesFirstAndTheSettingsRunOncePerInjector() {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      PollOptions options = PollOptions.builder().timeout(Duration.ofMinutes(3)).build();
      AtomicInteger pollers = new AtomicInteger();
      AtomicInteger downloaders = new AtomicInteger();
      SoraStatusModule module = SoraStatusModule.builder().client(api.port())
          .poller(b -> pollers.incrementAndGet())
          .downloader(b -> downloaders.incrementAndGet())
          .build();
      Injector injector = Guice.createInjector(module,
          binder -> OptionalBinder.newOptionalBinder(binder, PollOptions.class).setBinding().toInstance(options));

      VideoPoller poller = injector.getInstance(VideoPoller.class);
      injector.getInstance(VideoPoller.class);
      injector.getInstance(VideoDownloader.class);
      injector.getInstance(VideoDownloader.class);

      assertThat(poller.defaults()).isSameAs(options); // settings that change nothing keep the module's wiring
      assertThat(pollers).hasValue(1);
      assertThat(downloaders).hasValue(1);
      Guice.createInjector(module).getInstance(VideoPoller.class);
      assertThat(pollers).hasValue(2);
    }
  }

  @Test
  void theDownloadersSettingsAreSetOnTheModule() throws IOException {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VideoId id = api.job().completed().contentBytes(12_345).create();
      AtomicLong bytes = new AtomicLong();
      dev.sorastatus.SoraObserver counting = new dev.sorastatus.SoraObserver() {
        @Override
        public void downloadBytes(VideoId video, long n) {
          bytes.addAndGet(n);
        }
      };
      Injector injector = Guice.createInjector(
          SoraStatusModule.builder().client(api.port()).downloader(b -> b.observer(counting)).build());
      Video done = injector.getInstance(VideoStatusPort.class).retrieve(id);

      DownloadResult result = injector.getInstance(VideoDownloader.class).download(done, dir.resolve("e.mp4"));

      assertThat(result.bytes()).isEqualTo(12_345);
      assertThat(bytes).hasValue(12_345);
    }
  }

  @Test
  void nullSettingsAreNamed() {
    assertThatThrownBy(() -> SoraStatusModule.builder().poller(null))
        .isInstanceOf(NullPointerException.class).hasMessage("settings == null");
    assertThatThrownBy(() -> SoraStatusModule.builder().downloader(null))
        .isInstanceOf(NullPointerException.class).hasMessage("settings == null");
  }

  @Test
  void toStringNeverShowsTheKey() {
    assertThat(SoraStatusModule.builder().config(config()).build().toString())
        .contains(server.baseUrl().toString()).doesNotContain(KEY);
  }

  @Test
  void thePollerWaitsOnTheBoundPortWithTheBoundDefaults() {
    PollOptions options = PollOptions.builder().timeout(Duration.ofMinutes(5)).build();
    VideoStatusPort done = new VideoStatusPort() {
      @Override
      public Video retrieve(VideoId id) {
        return Video.builder(id, VideoStatus.COMPLETED).build();
      }

      @Override
      public CompletableFuture<Video> retrieveAsync(VideoId id) {
        return CompletableFuture.completedFuture(retrieve(id));
      }
    };
    Injector injector = Guice.createInjector(SoraStatusModule.builder().config(config()).port(done).build(), new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), PollOptions.class).setBinding().toInstance(options);
          }
        });

    VideoPoller poller = injector.getInstance(VideoPoller.class);

    assertThat(injector.getInstance(VideoPoller.class)).isSameAs(poller);
    assertThat(poller.defaults()).isSameAs(options);
    assertThat(poller.awaitCompleted(VideoId.of("video_guice_5")).status()).isEqualTo(VideoStatus.COMPLETED);
  }

  @Test
  void askingForThePollerInProductionStillReadsNoEnvironmentUntilItIsUsed() {
    AtomicInteger reads = new AtomicInteger();
    Injector injector = Guice.createInjector(Stage.PRODUCTION, SoraStatusModule.create(), new AbstractModule() {
      @Override
      protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Environment.class).setBinding().toInstance(name -> {
          reads.incrementAndGet();
          return null;
        });
      }
    });

    assertThat(reads).hasValue(0);
    assertThatThrownBy(() -> injector.getInstance(VideoPoller.class))
        .isInstanceOf(ProvisionException.class).hasMessageContaining("SORA_API_KEY");
    assertThat(reads.get()).isPositive();
  }
}
