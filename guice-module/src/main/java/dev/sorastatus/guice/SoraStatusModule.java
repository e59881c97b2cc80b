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
import dev.sorastatus.Sleeper;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraEnvironment;
import dev.sorastatus.TaskScheduler;
import dev.sorastatus.VideoContentPort;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.spi.TransportProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Binds {@link SoraClient}, {@link VideoStatusPort} (the same client), {@link VideoPoller} and
 * {@link VideoDownloader} (one of each per injector) for an application that depends on core, one transport
 * and Guice. The
 * transport is found on the classpath, not named; the configuration is the one passed here, else a
 * {@link SoraConfig} bound with {@code OptionalBinder}, else read from {@code SORA_BASE_URL} and
 * {@code SORA_API_KEY} (falling back to {@code OPENAI_*}) when first needed, never while configuring.
 * Defaults ({@link Clock}, {@link TaskScheduler}, {@link Sleeper}, {@link PollOptions}, the downloader's
 * {@link RetryPolicy} (the configuration's, or the library's over a replaced port), {@link Environment}, the
 * port itself) are replaced with
 * {@code OptionalBinder.newOptionalBinder(binder(), X.class).setBinding()}, so no {@code Modules.override}
 * is needed. Close what the module created with {@link SoraStatusShutdown}.
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

  private SoraStatusModule(Builder b) {
    this.config = b.config;
    this.transport = b.transport;
    this.classLoader = b.classLoader;
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
   * Returns a module that puts {@code port} in place of the discovered transport, such as the testkit's
   * fake: {@code Guice.createInjector(SoraStatusModule.create(), SoraStatusModule.withPort(api.port()))}.
   * The module never closes it.
   *
   * @param port the port to inject
   * @return a module to install beside {@link SoraStatusModule}
   * @throws NullPointerException if {@code port} is null
   */
  public static Module withPort(VideoStatusPort port) {
    Objects.requireNonNull(port, "port == null");
    return binder -> OptionalBinder.newOptionalBinder(binder, VideoStatusPort.class).setBinding().toInstance(port);
  }

  /**
   * Returns a module that puts {@code client} in place of the discovered transport's, as {@link SoraClient}
   * and as {@link VideoStatusPort}, such as a client over an HTTP client you own or the testkit's fake:
   * {@code Guice.createInjector(SoraStatusModule.create(), SoraStatusModule.withClient(api.port()))}. The
   * module never closes it.
   *
   * @param client the client to inject
   * @return a module to install beside {@link SoraStatusModule}
   * @throws NullPointerException if {@code client} is null
   */
  public static Module withClient(SoraClient client) {
    Objects.requireNonNull(client, "client == null");
    return binder -> {
      OptionalBinder.newOptionalBinder(binder, SoraClient.class).setBinding().toInstance(client);
      OptionalBinder.newOptionalBinder(binder, VideoStatusPort.class).setBinding().toInstance(client);
    };
  }

  @Override
  protected void configure() {
    bind(SoraStatusShutdown.class).toProvider(SoraStatusShutdown::new).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), Environment.class).setDefault().toInstance(System::getenv);
    OptionalBinder.newOptionalBinder(binder(), Clock.class).setDefault().toInstance(Clock.systemUTC());
    OptionalBinder.newOptionalBinder(binder(), TaskScheduler.class).setDefault().toInstance(TaskScheduler.system());
    OptionalBinder.newOptionalBinder(binder(), Sleeper.class).setDefault().toInstance(Sleeper.system());
    OptionalBinder.newOptionalBinder(binder(), RetryPolicy.class).setDefault().toProvider(RetryPolicyProvider.class);
    OptionalBinder.newOptionalBinder(binder(), PollOptions.class).setDefault().toInstance(PollOptions.defaults());
    bind(Settings.class).toInstance(new Settings(Optional.ofNullable(config), Optional.ofNullable(transport), classLoader));
    OptionalBinder.newOptionalBinder(binder(), SoraConfig.class).setDefault().toProvider(ConfigProvider.class);
    // unscoped: a replaced default must not be built eagerly in Stage.PRODUCTION; SoraStatusShutdown memoises
    OptionalBinder.newOptionalBinder(binder(), SoraClient.class).setDefault().toProvider(DiscoveredClientProvider.class);
    OptionalBinder.newOptionalBinder(binder(), VideoStatusPort.class).setDefault().to(SoraClient.class);
    // chosen while the injector is created, so zero or two transports fail there and not on first use
    bind(TransportChoice.class).asEagerSingleton();
    bind(VideoPoller.class).toProvider(PollerProvider.class); // one per injector, created when first asked
    bind(VideoDownloader.class).toProvider(DownloaderProvider.class); // likewise
  }

  @Override
  public String toString() {
    return "SoraStatusModule[" + (config == null ? "config from binding or environment" : config.baseUrl())
        + ", transport=" + (transport == null ? "discovered" : transport) + "]";
  }

  /** Builds a {@link SoraStatusModule}. */
  public static final class Builder {
    private SoraConfig config;
    private String transport;
    private ClassLoader classLoader = SoraStatusModule.class.getClassLoader();

    private Builder() {}

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
     * Returns the module.
     *
     * @return a new immutable module
     */
    public SoraStatusModule build() {
      return new SoraStatusModule(this);
    }
  }

  /** What the builder was told, bound so that providers get it by injection, one set per injector. */
  record Settings(Optional<SoraConfig> config, Optional<String> transport, ClassLoader classLoader) {}

  /** Provides the configuration passed to the module, else reads it from the environment when asked. */
  static final class ConfigProvider implements Provider<SoraConfig> {
    private final Settings settings;
    private final Environment environment;
    private final Clock clock;

    @Inject
    ConfigProvider(Settings settings, Environment environment, Clock clock) {
      this.settings = settings;
      this.environment = environment;
      this.clock = clock;
    }

    @Override
    public SoraConfig get() {
      return settings.config().orElseGet(() -> SoraEnvironment.read(environment::get).clock(clock).build());
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
      List<TransportProvider> found = providers(settings.classLoader());
      this.provider = Optional.of(settings.transport().isPresent()
          ? named(found, settings.transport().get())
          : only(found));
    }

    TransportProvider provider() {
      return provider.orElseThrow(() -> new IllegalStateException(
          "the VideoStatusPort binding was replaced, so no transport was chosen"));
    }

    private static List<TransportProvider> providers(ClassLoader loader) {
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

    private static TransportProvider only(List<TransportProvider> providers) {
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
          + names(providers) + ". Choose one: SoraStatusModule.builder().transport(\"" + first + "\"), "
          + "or keep only one transport dependency.");
    }

    private static TransportProvider named(List<TransportProvider> providers, String name) {
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

    /** Returns whether the port is the discovered transport's, built from the bound configuration. */
    boolean discovered() {
      return provider.isPresent();
    }
  }

  /**
   * Provides the retry policy of the downloader: the configuration's, when one was given to the module or the
   * port is built from it; else, over a port that replaced the transport, the library's defaults.
   */
  static final class RetryPolicyProvider implements Provider<RetryPolicy> {
    private final Settings settings;
    private final Provider<TransportChoice> choice;
    private final Provider<SoraConfig> config;

    @Inject
    RetryPolicyProvider(Settings settings, Provider<TransportChoice> choice, Provider<SoraConfig> config) {
      this.settings = settings;
      this.choice = choice;
      this.config = config;
    }

    @Override
    public RetryPolicy get() {
      if (settings.config().isPresent()) {
        return settings.config().get().retryPolicy();
      }
      return choice.get().discovered() ? config.get().retryPolicy() : RetryPolicy.defaults();
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
    private final Provider<SoraConfig> config;
    private final SoraStatusShutdown shutdown;

    @Inject
    DiscoveredClientProvider(Provider<TransportChoice> choice, Provider<SoraConfig> config,
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

  /** Provides the poller over the bound port, clock, scheduler and poll options. */
  static final class PollerProvider implements Provider<VideoPoller> {
    private final Provider<VideoStatusPort> port;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final PollOptions options;
    private final SoraStatusShutdown shutdown;

    @Inject
    PollerProvider(Provider<VideoStatusPort> port, Clock clock, TaskScheduler scheduler, PollOptions options,
        SoraStatusShutdown shutdown) {
      this.port = port;
      this.clock = clock;
      this.scheduler = scheduler;
      this.options = options;
      this.shutdown = shutdown;
    }

    @Override
    public VideoPoller get() {
      return shutdown.once(VideoPoller.class,
          () -> VideoPoller.builder(port.get()).clock(clock).scheduler(scheduler).defaults(options).build());
    }
  }

  /** Provides the downloader over the bound port, which must also serve content, the bound time and retries. */
  static final class DownloaderProvider implements Provider<VideoDownloader> {
    private final Provider<VideoStatusPort> port;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Sleeper sleeper;
    private final Provider<RetryPolicy> retryPolicy;
    private final SoraStatusShutdown shutdown;

    @Inject
    DownloaderProvider(Provider<VideoStatusPort> port, Clock clock, TaskScheduler scheduler, Sleeper sleeper,
        Provider<RetryPolicy> retryPolicy, SoraStatusShutdown shutdown) {
      this.port = port;
      this.clock = clock;
      this.scheduler = scheduler;
      this.sleeper = sleeper;
      this.retryPolicy = retryPolicy;
      this.shutdown = shutdown;
    }

    @Override
    public VideoDownloader get() {
      return shutdown.once(VideoDownloader.class, () -> {
        VideoStatusPort bound = port.get();
        if (bound instanceof SoraClient) {
          return VideoDownloader.builder((SoraClient) bound).clock(clock).scheduler(scheduler).sleeper(sleeper)
              .retryPolicy(retryPolicy.get()).build();
        }
        if (!(bound instanceof VideoContentPort)) {
          throw new IllegalStateException("VideoDownloader needs a port that also implements VideoContentPort,"
              + " or is a SoraClient, and the bound " + bound + " is neither; a SoraClient over either transport"
              + " and the testkit's fake are");
        }
        return VideoDownloader.builder((VideoContentPort) bound).clock(clock).scheduler(scheduler).sleeper(sleeper)
            .retryPolicy(retryPolicy.get()).build();
      });
    }
  }
}
