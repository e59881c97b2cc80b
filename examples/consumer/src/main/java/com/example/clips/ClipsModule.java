package com.example.clips;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import dev.sorastatus.DownloadOptions;
import dev.sorastatus.PollOptions;
import dev.sorastatus.guice.SoraStatusModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Wires the clips service: sora-status (by default with its discovered transport and the configuration from
 * the environment), this service's own patience (give up after 20 minutes) in place of the library's
 * default, and the folder the clips' videos go to ({@code clips/} unless bound otherwise).
 */
public final class ClipsModule extends AbstractModule {
  /** How long a clip may render before the service stops waiting for it. */
  public static final Duration RENDER_BUDGET = Duration.ofMinutes(20);

  private final Module soraStatus;

  /** Wires the service as production runs it. */
  public ClipsModule() {
    this(SoraStatusModule.create());
  }

  /**
   * Wires the service over another sora-status module, such as one holding the testkit's fake.
   *
   * @param soraStatus the library's wiring
   */
  public ClipsModule(Module soraStatus) {
    this.soraStatus = Objects.requireNonNull(soraStatus, "soraStatus == null");
  }

  // snippet:start module
  @Override
  protected void configure() {
    install(soraStatus);                  // SoraStatusModule.create() unless a test passes another
    OptionalBinder.newOptionalBinder(binder(), PollOptions.class).setBinding()
        .toInstance(PollOptions.defaults().toBuilder().timeout(RENDER_BUDGET).build());
    OptionalBinder.newOptionalBinder(binder(), Key.get(Path.class, Names.named("clips.folder"))).setDefault()
        .toInstance(Path.of("clips"));
    OptionalBinder.newOptionalBinder(binder(), DownloadOptions.class).setDefault()
        .toInstance(DownloadOptions.defaults());
    bind(ClipPublisher.class);
  }
  // snippet:end module
}
