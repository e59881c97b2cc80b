package com.example.clips;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import dev.sorastatus.PollOptions;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.TaskScheduler;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.guice.SoraStatusModule;
import dev.sorastatus.guice.SoraStatusShutdown;
import dev.sorastatus.testkit.Dialect;
import dev.sorastatus.testkit.FakeVideoApiExtension;
import dev.sorastatus.testkit.VirtualTime;
import dev.sorastatus.SoraClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The clips service as its own team tests it: the application's Guice module, the testkit's fake swapped in
 * for the transport with one line, and virtual time so that a twenty-minute wait takes milliseconds.
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class ClipPublisherTest {
  @RegisterExtension final FakeVideoApiExtension api = FakeVideoApiExtension.create().dialect(Dialect.GATEWAY);

  @Test
  void aCompletedClipIsRecordedWithWhereToDownloadIt() {
    VideoId id = api.job().queued().processing(40).processing(90).completed().create();

    ClipOutcome outcome = runUntilDone(publisher().track(id));

    assertThat(outcome).isInstanceOf(ClipOutcome.Ready.class);
    assertThat(((ClipOutcome.Ready) outcome).video()).isCompleted().hasId(id)
        .hasDownloadUrl(api.fake().contentUrl(id));
    assertThat(api.retrievals(id)).isEqualTo(4);
  }

  @Test
  void aFailedClipIsRecordedWithTheReason() {
    VideoId id = api.job().queued().processing(20).failed("moderation_blocked", "prompt was blocked").create();

    ClipOutcome outcome = runUntilDone(publisher().track(id));

    assertThat(outcome).isInstanceOf(ClipOutcome.Failed.class);
    assertThat(((ClipOutcome.Failed) outcome).video()).isFailed()
        .hasErrorCode("moderation_blocked").hasErrorMessage("prompt was blocked").hasNoDownloadUrl();
  }

  @Test
  void aClipStillRenderingAfterTheServicesBudgetIsRecordedWithItsProgress() {
    VideoId id = api.job().queued().processing(35).create(); // stays at 35% for ever

    ClipOutcome outcome = runUntilDone(publisher().track(id));

    assertThat(outcome).isEqualTo(new ClipOutcome.StillRendering(id, 35));
    // the application's 20 minutes replaced the library's default 30 through OptionalBinder
    assertThat(api.time().elapsed()).isBetween(ClipsModule.RENDER_BUDGET.minusSeconds(30), ClipsModule.RENDER_BUDGET);
  }

  @Test
  void aRateLimitedReadIsWaitedOutAndTheClipCompletes() {
    VideoId id = api.job().queued().rateLimited(Duration.ofSeconds(45)).completed().create();

    ClipOutcome outcome = runUntilDone(publisher().track(id));

    assertThat(outcome).isInstanceOf(ClipOutcome.Ready.class);
    assertThat(api.retrievals(id)).isEqualTo(3);
    Instant rateLimitedAt = api.journal().get(1).at();
    Instant retriedAt = api.journal().get(2).at();
    assertThat(Duration.between(rateLimitedAt, retriedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void aClipTheApiDoesNotKnowIsRecordedAsMissing() {
    VideoId id = api.job().notFound().create();
    ClipPublisher publisher = publisher();

    ClipOutcome outcome = runUntilDone(publisher.track(id));

    assertThat(outcome).isEqualTo(new ClipOutcome.Missing(id));
    assertThat(publisher.outcome(id)).contains(outcome);
    assertThat(api.retrievals(id)).isEqualTo(3); // gateways may not know a new job for a moment: asked 3 times
  }

  @Test
  void theRealTransportIsDiscoveredAndTalksToTheFakeOverHttp() {
    VideoId id = api.job().queued().processing(60).completed().create();
    SoraConfig config = api.config().retryPolicy(RetryPolicy.none()).build(); // starts the fake's HTTP mode
    Module boundConfig = binder -> OptionalBinder.newOptionalBinder(binder, SoraConfig.class).setBinding()
        .toInstance(config);
    Injector injector = Guice.createInjector(new ClipsModule(), boundConfig, virtualTime());
    try {
      assertThat(injector.getInstance(VideoStatusPort.class)).isInstanceOf(SoraClient.class).hasToString("SoraClient[" + config.baseUrl() + ", JdkHttpTransport]");

      ClipOutcome outcome = runUntilDone(injector.getInstance(ClipPublisher.class).track(id));

      assertThat(((ClipOutcome.Ready) outcome).video()).isCompleted().hasDownloadUrl(api.fake().contentUrl(id));
      assertThat(api.journal()).hasSize(3)
          .allSatisfy(request -> assertThat(request.path()).isEqualTo("/v1/videos/" + id));
    } finally {
      injector.getInstance(SoraStatusShutdown.class).close();
    }
  }

  /** The application exactly as production wires it, with the fake's port and clock swapped in. */
  private ClipPublisher publisher() {
    return Guice.createInjector(new ClipsModule(), SoraStatusModule.withPort(api.port()), virtualTime())
        .getInstance(ClipPublisher.class);
  }

  private Module virtualTime() {
    VirtualTime time = api.time();
    return binder -> {
      OptionalBinder.newOptionalBinder(binder, Clock.class).setBinding().toInstance(time);
      OptionalBinder.newOptionalBinder(binder, TaskScheduler.class).setBinding().toInstance(time);
    };
  }

  /**
   * Jumps virtual time to the next poll. A task further off than any poll interval is the wait's deadline:
   * while one is all that is scheduled, a read is on its way over loopback, so it waits a moment for the
   * reply instead of jumping to the deadline.
   */
  private ClipOutcome runUntilDone(CompletableFuture<ClipOutcome> tracked) {
    VirtualTime time = api.time();
    for (int i = 0; i < 10_000 && !tracked.isDone(); i++) {
      Optional<Instant> next = time.nextDue();
      if (next.isPresent() && !next.get().isAfter(time.instant().plus(PollOptions.DEFAULT_MAX_HINT))) {
        time.advanceTo(next.get());
      } else {
        tracked.handle((outcome, error) -> null).completeOnTimeout(null, 2, TimeUnit.MILLISECONDS).join();
      }
    }
    assertThat(tracked).isDone();
    return tracked.join();
  }
}
