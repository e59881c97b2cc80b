package com.example.clips;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.sorastatus.PollOptions;
import dev.sorastatus.guice.SoraStatusModule;
import java.time.Duration;

/**
 * Wires the clips service: sora-status with its discovered transport and configuration from the
 * environment, and this service's own patience (give up after 20 minutes) in place of the library's default.
 */
public final class ClipsModule extends AbstractModule {
  /** How long a clip may render before the service stops waiting for it. */
  public static final Duration RENDER_BUDGET = Duration.ofMinutes(20);

  // snippet:start module
  @Override
  protected void configure() {
    install(SoraStatusModule.create());    // the transport on the classpath; SORA_BASE_URL and SORA_API_KEY
    OptionalBinder.newOptionalBinder(binder(), PollOptions.class).setBinding()
        .toInstance(PollOptions.defaults().toBuilder().timeout(RENDER_BUDGET).build());
    bind(ClipPublisher.class);
  }
  // snippet:end module
}
