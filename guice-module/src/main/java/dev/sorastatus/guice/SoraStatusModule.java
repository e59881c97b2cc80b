package dev.sorastatus.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinderBinding;
import com.google.inject.multibindings.MultibinderBinding;
import com.google.inject.multibindings.MultibindingsTargetVisitor;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.multibindings.OptionalBinderBinding;
import com.google.inject.spi.DefaultBindingTargetVisitor;
import dev.sorastatus.PollOptions;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.TaskScheduler;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.spi.TransportProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Binds {@link SoraClient}, {@link VideoStatusPort} (the same client), {@link VideoPoller} and
 * {@link VideoDownloader} (one of each per injector) for an application that depends on core, one transport
 * and Guice. The
 * transport is found on the classpath, not named; the configuration is the one passed here, else a
 * {@link SoraConfig} bound with {@code OptionalBinder}, else read from {@code SORA_BASE_URL} and
 * {@code SORA_API_KEY} (falling back to {@code OPENAI_*}) when first needed, never while configuring.
 * Time and retries are given once: {@link Clock}, {@link TaskScheduler} (which schedules and sleeps) and
 * {@link RetryPolicy} are each bound once (by default to what the configuration given to the module, or
 * bound, holds, else the system's), the discovered client is built from the configuration with those three
 * in it, and the poller and downloader take theirs from that client. Every default ({@link PollOptions},
 * {@link Environment}, the configuration, the three above, the client, the port) is replaced with {@code
 * OptionalBinder.newOptionalBinder(binder(), X.class).setBinding()}, so no {@code Modules.override} is
 * needed. A client bound with {@link #withClient} brings its own configuration, time and retries included
 * (the testkit's fake hands its virtual time over that way). The poller's and the downloader's own settings
 * (the request budget, the stall timeout) are given to the builder ({@link Builder#poller}, {@link
 * Builder#downloader}). Close what the module created with {@link SoraStatusShutdown}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(SoraStatusModule.create());
 * VideoPoller poller = injector.getInstance(VideoPoller.class);
 * Video done = poller.awaitCompleted(VideoId.of("video_123"));
 * ...
 * injector.getInstance(SoraStatusShutdown.class).close();
 * }</pre>
 */
public final class SoraStatusModule extends AbstractModule {
  private final SoraConfig config;
  private final String transport;
  private final ClassLoader classLoader;
  private final SoraClient client;
  private final VideoStatusPort port;
  private final Consumer<VideoPoller.Builder> poller;
  private final Consumer<VideoDownloader.Builder> downloader;

  private SoraStatusModule(Builder b) {
    this.config = b.config;
    this.transport = b.transport;
    this.classLoader = b.classLoader;
    this.client = b.client;
    this.port = b.port;
    this.poller = b.poller;
    this.downloader = b.downloader;
  }

  /**
   * Returns the module with every default: discovered transport, configuration from a binding or the
   * environment.
   *
   * @return the module
   */
  public static SoraStatusModule create() {
    return builder().build();
  }

  /**
   * Returns a builder for a module with an explicit configuration or transport.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the module with {@code port} in place of the discovered transport's client as the {@link
   * VideoStatusPort} the poller reads through, such as a decorator of your own; install it instead of
   * {@link #create()}. The downloader still needs a client: the discovered one, or one given with {@link
   * Builder#client}. The module never closes the port.
   *
   * @param port the port to inject
   * @return the module
   * @throws NullPointerException if {@code port} is null
   */
  public static SoraStatusModule withPort(VideoStatusPort port) {
    return builder().port(port).build();
  }

  /**
   * Returns the module with {@code client} in place of the discovered transport's, as {@link SoraClient}
   * and as {@link VideoStatusPort}, such as the testkit's fake or a client over an HTTP client you own;
   * install it instead of {@link #create()}: {@code Guice.createInjector(SoraStatusModule.withClient(api.port()))}.
   * The poller and downloader keep the client's time and retries. No transport is looked for, and the
   * module never closes the client.
   *
   * @param client the client to inject
   * @return the module
   * @throws NullPointerException if {@code client} is null
   */
  public static SoraStatusModule withClient(SoraClient client) {
    return builder().client(client).build();
  }

  @Override
  protected void configure() {
    bind(SoraStatusShutdown.class).toProvider(SoraStatusShutdown::new).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), Environment.class).setDefault().toInstance(System::getenv);
    OptionalBinder.newOptionalBinder(binder(), Clock.class).setDefault().toProvider(Defaults.TheClock.class);
    OptionalBinder.newOptionalBinder(binder(), TaskScheduler.class).setDefault().toProvider(Defaults.Scheduler.class);
    OptionalBinder.newOptionalBinder(binder(), RetryPolicy.class).setDefault().toProvider(Defaults.Retries.class);
    OptionalBinder.newOptionalBinder(binder(), PollOptions.class).setDefault().toInstance(PollOptions.defaults());
    bind(Settings.class).toInstance(
        new Settings(Optional.ofNullable(config), Optional.ofNullable(transport), classLoader, poller, downloader));
    OptionalBinder.newOptionalBinder(binder(), SoraConfig.class).setDefault().toProvider(ConfigProvider.class);
    // unscoped: a replaced default must not be built eagerly in Stage.PRODUCTION; SoraStatusShutdown memoises
    OptionalBinder.newOptionalBinder(binder(), SoraClient.class).setDefault().toProvider(DiscoveredClientProvider.class);
    OptionalBinder.newOptionalBinder(binder(), VideoStatusPort.class).setDefault().to(SoraClient.class);
    // chosen while the injector is created, so zero or two transports fail there and not on first use
    bind(TransportChoice.class).asEagerSingleton();
    bind(VideoPoller.class).toProvider(PollerProvider.class); // one per injector, created when first asked
    bind(VideoDownloader.class).toProvider(DownloaderProvider.class); // likewise
    if (client != null) {
      OptionalBinder.newOptionalBinder(binder(), SoraClient.class).setBinding().toInstance(client);
      OptionalBinder.newOptionalBinder(binder(), VideoStatusPort.class).setBinding().toInstance(client);
    }
    if (port != null) {
      OptionalBinder.newOptionalBinder(binder(), VideoStatusPort.class).setBinding().toInstance(port);
    }
  }

  @Override
  public String toString() {
    if (client != null || port != null) {
      return "SoraStatusModule[" + (client != null ? client : port) + "]";
    }
    return "SoraStatusModule[" + (config == null ? "config from binding or environment" : config.baseUrl())
        + ", transport=" + (transport == null ? "discovered" : transport) + "]";
  }

  /** Builds a {@link SoraStatusModule}. */
  public static final class Builder {
    private SoraConfig config;
    private String transport;
    private ClassLoader classLoader = SoraStatusModule.class.getClassLoader();
    private SoraClient client;
    private VideoStatusPort port;
    private Consumer<VideoPoller.Builder> poller = b -> { };
    private Consumer<VideoDownloader.Builder> downloader = b -> { };

    private Builder() {}

    /**
     * Uses {@code client} in place of the discovered transport's, as {@link SoraClient} and as the port;
     * see {@link SoraStatusModule#withClient}.
     *
     * @param client the client; the module never closes it
     * @return this builder
     * @throws NullPointerException if {@code client} is null
     */
    public Builder client(SoraClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /**
     * Uses {@code port} as the port the poller reads through; see {@link SoraStatusModule#withPort}.
     *
     * @param port the port; the module never closes it
     * @return this builder
     * @throws NullPointerException if {@code port} is null
     */
    public Builder port(VideoStatusPort port) {
      this.port = Objects.requireNonNull(port, "port == null");
      return this;
    }

    /**
     * Uses {@code config} instead of a binding or the environment.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(SoraConfig config) {
      this.config = Objects.requireNonNull(config, "config == null");
      return this;
    }

    /**
     * Chooses the transport by name when several are on the classpath.
     *
     * @param transport such as {@code jdk} or {@code apache}
     * @return this builder
     */
    public Builder transport(String transport) {
      Objects.requireNonNull(transport, "transport == null");
      if (transport.isBlank()) {
        throw new IllegalArgumentException("transport is blank; use jdk or apache");
      }
      this.transport = transport;
      return this;
    }

    /**
     * Sets where transports are discovered (default: this module's class loader).
     *
     * @param classLoader the loader {@link java.util.ServiceLoader} searches
     * @return this builder
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader == null");
      return this;
    }

    /**
     * Applies {@code settings} to the poller's builder after what the module sets (the port, its time and
     * observer, the bound {@link PollOptions}), for the poller's own settings such as the request budget
     * that all its waits share. Called once per injector, when the poller is first provided.
     *
     * @param settings such as {@code b -> b.requestsPerSecond(10)} for a gateway that allows 10 reads a second
     * @return this builder
     * @throws NullPointerException if {@code settings} is null
     */
    public Builder poller(Consumer<VideoPoller.Builder> settings) {
      this.poller = Objects.requireNonNull(settings, "settings == null");
      return this;
    }

    /**
     * Applies {@code settings} to the downloader's builder after what the module sets (the client, with its
     * time, retries and observer), for the downloader's own settings such as the stall timeout. Called once
     * per injector, when the downloader is first provided.
     *
     * @param settings such as {@code b -> b.stallTimeout(Duration.ofMinutes(1))}
     * @return this builder
     * @throws NullPointerException if {@code settings} is null
     */
    public Builder downloader(Consumer<VideoDownloader.Builder> settings) {
      this.downloader = Objects.requireNonNull(settings, "settings == null");
      return this;
    }

    /**
     * Returns the module.
     *
     * @return a new immutable module
     */
    public SoraStatusModule build() {
      return new SoraStatusModule(this);
    }
  }

  /** What the builder was told, bound so that providers get it by injection, one set per injector. */
  record Settings(Optional<SoraConfig> config, Optional<String> transport, ClassLoader classLoader,
      Consumer<VideoPoller.Builder> poller, Consumer<VideoDownloader.Builder> downloader) {}

  /** Provides the configuration passed to the module, else reads it from the environment when asked. */
  static final class ConfigProvider implements Provider<SoraConfig> {
    private final Settings settings;
    private final Environment environment;

    @Inject
    ConfigProvider(Settings settings, Environment environment) {
      this.settings = settings;
      this.environment = environment;
    }

    @Override
    public SoraConfig get() {
      return settings.config().orElseGet(() -> SoraConfig.fromEnvironment(environment::get).build());
    }
  }

  /**
   * The defaults of the four bindings of time and retries: what the configuration given to the module, or
   * bound in place of the default, holds; else the system's (which is also what a configuration read from
   * the environment holds, so the environment is not read to find them).
   */
  static final class Defaults {
    private final Optional<SoraConfig> explicit;

    @Inject
    Defaults(Settings settings, Injector injector) {
      Binding<Optional<SoraConfig>> bound = injector.getBinding(new Key<Optional<SoraConfig>>() {});
      this.explicit = settings.config().isPresent() ? settings.config()
          : bound.acceptTargetVisitor(new PortReplaced()) ? bound.getProvider().get() : Optional.empty();
    }

    /** The default clock. */
    static final class TheClock implements Provider<Clock> {
      @Inject Defaults d;

      @Override
      public Clock get() {
        return d.explicit.map(SoraConfig::clock).orElse(Clock.systemUTC());
      }
    }

    /** The default scheduler. */
    static final class Scheduler implements Provider<TaskScheduler> {
      @Inject Defaults d;

      @Override
      public TaskScheduler get() {
        return d.explicit.map(SoraConfig::scheduler).orElse(TaskScheduler.system());
      }
    }

    /** The default retry policy. */
    static final class Retries implements Provider<RetryPolicy> {
      @Inject Defaults d;

      @Override
      public RetryPolicy get() {
        return d.explicit.map(SoraConfig::retryPolicy).orElse(RetryPolicy.defaults());
      }
    }
  }

  /** The configuration the discovered client is built from: the bound one, with the bound time and retries. */
  static final class EffectiveConfig {
    private final Provider<SoraConfig> config;
    private final Provider<Clock> clock;
    private final Provider<TaskScheduler> scheduler;
    private final Provider<RetryPolicy> retryPolicy;

    @Inject
    EffectiveConfig(Provider<SoraConfig> config, Provider<Clock> clock, Provider<TaskScheduler> scheduler,
        Provider<RetryPolicy> retryPolicy) {
      this.config = config;
      this.clock = clock;
      this.scheduler = scheduler;
      this.retryPolicy = retryPolicy;
    }

    SoraConfig get() {
      return config.get().toBuilder().clock(clock.get()).scheduler(scheduler.get())
          .retryPolicy(retryPolicy.get()).build();
    }
  }

  /**
   * The transport the default port is built on, chosen from the service files when the injector is created;
   * none is looked for when the caller replaced the port, so a test that swaps in the fake needs none.
   */
  static final class TransportChoice {
    private final Optional<TransportProvider> provider;

    @Inject
    TransportChoice(Injector injector, Settings settings) {
      Binding<Optional<VideoStatusPort>> port = injector.getBinding(new Key<Optional<VideoStatusPort>>() {});
      Binding<Optional<SoraClient>> client = injector.getBinding(new Key<Optional<SoraClient>>() {});
      if (port.acceptTargetVisitor(new PortReplaced()) || client.acceptTargetVisitor(new PortReplaced())) {
        this.provider = Optional.empty();
        return;
      }
      this.provider = Optional.of(TransportProvider.find(settings.classLoader(), settings.transport()));
    }

    TransportProvider provider() {
      return provider.orElseThrow(() -> new IllegalStateException(
          "the VideoStatusPort binding was replaced, so no transport was chosen"));
    }

    /** Returns whether the port is the discovered transport's, built from the bound configuration. */
    boolean discovered() {
      return provider.isPresent();
    }
  }

  /** Answers whether an {@code OptionalBinder.setBinding()} replaced the default port. */
  private static final class PortReplaced extends DefaultBindingTargetVisitor<Object, Boolean>
      implements MultibindingsTargetVisitor<Object, Boolean> {
    @Override
    public Boolean visit(OptionalBinderBinding<?> binding) {
      return binding.getActualBinding() != null;
    }

    @Override
    public Boolean visit(MultibinderBinding<?> binding) {
      return false;
    }

    @Override
    public Boolean visit(MapBinderBinding<?> binding) {
      return false;
    }

    @Override
    protected Boolean visitOther(Binding<?> binding) {
      return false;
    }
  }

  /** Provides the client over the transport chosen at injector creation, created once per injector. */
  static final class DiscoveredClientProvider implements Provider<SoraClient> {
    private final Provider<TransportChoice> choice;
    private final EffectiveConfig config;
    private final SoraStatusShutdown shutdown;

    @Inject
    DiscoveredClientProvider(Provider<TransportChoice> choice, EffectiveConfig config,
        SoraStatusShutdown shutdown) {
      this.choice = choice;
      this.config = config;
      this.shutdown = shutdown;
    }

    @Override
    public SoraClient get() {
      return shutdown.client(() -> {
        SoraConfig c = config.get();
        return SoraClient.over(c, choice.get().provider().create(c));
      });
    }
  }

  /**
   * Provides the poller over the bound port and poll options: on the time of the port when it is a client,
   * else on the bound configuration's with the bound time.
   */
  static final class PollerProvider implements Provider<VideoPoller> {
    private final Provider<VideoStatusPort> port;
    private final EffectiveConfig config;
    private final PollOptions options;
    private final Settings settings;
    private final SoraStatusShutdown shutdown;

    @Inject
    PollerProvider(Provider<VideoStatusPort> port, EffectiveConfig config, PollOptions options, Settings settings,
        SoraStatusShutdown shutdown) {
      this.port = port;
      this.config = config;
      this.options = options;
      this.settings = settings;
      this.shutdown = shutdown;
    }

    @Override
    public VideoPoller get() {
      return shutdown.once(VideoPoller.class, () -> {
        VideoStatusPort bound = port.get();
        VideoPoller.Builder b = VideoPoller.builder(bound).defaults(options);
        if (!(bound instanceof SoraClient)) {
          b.config(config.get());
        }
        settings.poller().accept(b);
        return b.build();
      });
    }
  }

  /**
   * Provides the downloader over the bound port when it is a client, else over the bound client: with that
   * client's time and retries.
   */
  static final class DownloaderProvider implements Provider<VideoDownloader> {
    private final Provider<VideoStatusPort> port;
    private final Provider<SoraClient> client;
    private final Settings settings;
    private final SoraStatusShutdown shutdown;

    @Inject
    DownloaderProvider(Provider<VideoStatusPort> port, Provider<SoraClient> client, Settings settings,
        SoraStatusShutdown shutdown) {
      this.port = port;
      this.client = client;
      this.settings = settings;
      this.shutdown = shutdown;
    }

    @Override
    public VideoDownloader get() {
      return shutdown.once(VideoDownloader.class, () -> {
        VideoDownloader.Builder b = VideoDownloader.builder(downloadsThrough(port.get()));
        settings.downloader().accept(b);
        return b.build();
      });
    }

    private SoraClient downloadsThrough(VideoStatusPort bound) {
      if (bound instanceof SoraClient) {
        return (SoraClient) bound;
      }
      try {
        return client.get();
      } catch (RuntimeException e) {
        throw new IllegalStateException("VideoDownloader downloads through a SoraClient, and the bound port "
            + bound + " is none, nor is one bound or discovered: bind one with SoraStatusModule.withClient", e);
      }
    }
  }
}
