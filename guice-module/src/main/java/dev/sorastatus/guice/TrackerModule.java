package dev.sorastatus.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.multibindings.OptionalBinder;
import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.tracker.OutcomeHandler;
import dev.sorastatus.tracker.TrackerStore;
import dev.sorastatus.tracker.VideoTracker;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Binds a {@link VideoTracker} (one per injector, not started) over the bound {@link VideoStatusPort}, a
 * {@link TrackerStore} and the application's {@link OutcomeHandler}; install it beside {@link SoraStatusModule},
 * which gives it the port, the time (the client's, as for the poller) and the bound {@link PollOptions}. The
 * store is the one given here, else the application's binding; the handler is always the application's.
 * {@link SoraStatusShutdown#close()} closes the tracker (handing its leases back), never the store. The
 * default tracker is replaced with {@code OptionalBinder.newOptionalBinder(binder(), VideoTracker.class)
 * .setBinding()}. Needs {@code sora-status-tracker} on the class path, which this module does not bring.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(SoraStatusModule.create(),
 *     TrackerModule.withStore(JdbcTrackerStore.create(dataSource)),
 *     binder -> binder.bind(OutcomeHandler.class).toInstance(outcome -> save(outcome)));
 * VideoTracker tracker = injector.getInstance(VideoTracker.class);
 * tracker.start();
 * tracker.track(VideoId.of("video_123"), Map.of("customer", "42"));
 * ...
 * injector.getInstance(SoraStatusShutdown.class).close();
 * }</pre>
 */
public final class TrackerModule extends AbstractModule {
  private final Settings settings;
  private final Optional<TrackerStore> store;

  private TrackerModule(Builder b) {
    this.settings = new Settings(b.settings);
    this.store = Optional.ofNullable(b.store);
  }

  /**
   * Returns the module over the application's {@link TrackerStore} binding, with the tracker's defaults.
   *
   * @return the module
   */
  public static TrackerModule create() {
    return builder().build();
  }

  /**
   * Returns the module over {@code store}, with the tracker's defaults.
   *
   * @param store the store, such as {@code JdbcTrackerStore.create(dataSource)}; the module never closes it
   * @return the module
   * @throws NullPointerException if {@code store} is null
   */
  public static TrackerModule withStore(TrackerStore store) {
    return builder().store(store).build();
  }

  /**
   * Returns a builder for a module with a store or tracker settings of its own.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void configure() {
    bind(Settings.class).toInstance(settings);
    store.ifPresent(s -> bind(TrackerStore.class).toInstance(s)); // else the application binds it
    OptionalBinder.newOptionalBinder(binder(), VideoTracker.class).setDefault().toProvider(TrackerProvider.class);
  }

  @Override
  public String toString() {
    return "TrackerModule[" + store.map(Object::toString).orElse("store from binding") + "]";
  }

  /** Builds a {@link TrackerModule}. */
  public static final class Builder {
    private TrackerStore store;
    private Consumer<VideoTracker.Builder> settings = b -> { };

    private Builder() {}

    /**
     * Uses {@code store} instead of the application's binding.
     *
     * @param store the store; the module never closes it
     * @return this builder
     * @throws NullPointerException if {@code store} is null
     */
    public Builder store(TrackerStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /**
     * Applies {@code settings} to the tracker's builder after what the module sets (port, store, handler, time,
     * poll options), for the tracker's other settings: budget, executor, worker id, batch size, lease margin,
     * downloads. Called once per injector, when the tracker is first provided.
     *
     * @param settings such as {@code b -> b.requestsPerSecond(20).workerId(hostName)}
     * @return this builder
     * @throws NullPointerException if {@code settings} is null
     */
    public Builder tracker(Consumer<VideoTracker.Builder> settings) {
      this.settings = Objects.requireNonNull(settings, "settings == null");
      return this;
    }

    /**
     * Returns the module.
     *
     * @return a new immutable module
     */
    public TrackerModule build() {
      return new TrackerModule(this);
    }
  }

  /** What the builder was told, bound for the provider. */
  record Settings(Consumer<VideoTracker.Builder> tracker) {}

  /** Provides the tracker, created once per injector and closed by {@link SoraStatusShutdown}. */
  static final class TrackerProvider implements Provider<VideoTracker> {
    private final Provider<VideoStatusPort> port;
    private final Provider<TrackerStore> store;
    private final Provider<OutcomeHandler> handler;
    private final SoraStatusModule.EffectiveConfig config;
    private final PollOptions options;
    private final Settings settings;
    private final SoraStatusShutdown shutdown;

    @Inject
    TrackerProvider(Provider<VideoStatusPort> port, Provider<TrackerStore> store, Provider<OutcomeHandler> handler,
        SoraStatusModule.EffectiveConfig config, PollOptions options, Settings settings,
        SoraStatusShutdown shutdown) {
      this.port = port;
      this.store = store;
      this.handler = handler;
      this.config = config;
      this.options = options;
      this.settings = settings;
      this.shutdown = shutdown;
    }

    @Override
    public VideoTracker get() {
      return shutdown.closing(VideoTracker.class, () -> {
        VideoStatusPort bound = port.get();
        // on the client's time when the port is one, as the poller is; else the bound configuration's
        SoraConfig time = bound instanceof SoraClient ? ((SoraClient) bound).config() : config.get();
        VideoTracker.Builder b = VideoTracker.builder(bound, store.get(), handler.get())
            .clock(time.clock()).scheduler(time.scheduler()).pollOptions(options);
        settings.tracker().accept(b);
        return b.build();
      });
    }
  }
}
