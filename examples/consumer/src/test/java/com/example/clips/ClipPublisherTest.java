package com.example.clips;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static dev.sorastatus.testkit.SoraAssertions.assertThatJournal;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import dev.sorastatus.DownloadOptions;
import dev.sorastatus.VideoId;
import dev.sorastatus.guice.SoraStatusModule;
import dev.sorastatus.guice.SoraStatusShutdown;
import dev.sorastatus.testkit.Dialect;
import dev.sorastatus.testkit.FakeVideoApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The clips service as its own team tests it: the application's Guice module over the testkit's fake, in
 * memory and over each real transport against the fake's HTTP mode, on the fake's virtual time, so that a
 * twenty-minute wait takes milliseconds. Every scenario runs on all three.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClipPublisherTest {
  /** Where the fake lives: in memory, or on loopback HTTP behind one of the two real transports. */
  enum Backend { IN_MEMORY, JDK, APACHE }

  @TempDir(factory = RamFolders.class) Path folder;

  private final FakeVideoApi api = FakeVideoApi.builder().dialect(Dialect.GATEWAY).seed(7).build();
  private final List<Injector> injectors = new ArrayList<>();

  @AfterEach
  void stop() {
    injectors.forEach(i -> i.getInstance(SoraStatusShutdown.class).close());
    api.close();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCompletedClipIsDownloadedAndRecorded(Backend backend) throws IOException {
    VideoId id = api.job().queued().processing(40).processing(90).completed().contentBytes(4096).create();
    ClipPublisher publisher = publisher(backend);

    ClipOutcome outcome = api.runUntilDone(publisher.publish(id));

    ClipOutcome.Published published = (ClipOutcome.Published) outcome;
    assertThat(published.video()).isCompleted().hasId(id);
    assertThat(published.file()).isAt(folder.resolve(id.value() + ".mp4")).hasContent(api.content(id));
    assertThat(publisher.outcome(id)).contains(outcome);
    assertThat(api.retrievals(id)).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFailedClipIsRecordedWithTheApisCode(Backend backend) {
    VideoId id = api.job().queued().processing(20).failed("moderation_blocked", "prompt was blocked").create();

    ClipOutcome outcome = api.runUntilDone(publisher(backend).publish(id));

    assertThat(((ClipOutcome.Failed) outcome).video()).isFailed()
        .hasErrorCode("moderation_blocked").hasErrorMessage("prompt was blocked");
    assertThat(folder).isEmptyDirectory();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aClipStillRenderingAfterTheServicesBudgetIsRecordedWithItsProgress(Backend backend) {
    VideoId id = api.job().queued().processing(35).create(); // stays at 35% for ever
    Instant start = api.time().instant();

    ClipOutcome outcome = api.runUntilDone(publisher(backend).publish(id));

    assertThat(outcome).isEqualTo(new ClipOutcome.StillRendering(id, 35));
    // the application's 20 minutes replaced the library's default through OptionalBinder
    assertThat(Duration.between(start, api.time().instant()))
        .isBetween(ClipsModule.RENDER_BUDGET.minusSeconds(30), ClipsModule.RENDER_BUDGET);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aClipTheApiDoesNotKnowIsRecordedAsMissing(Backend backend) {
    VideoId id = api.job().notFound().create();

    ClipOutcome outcome = api.runUntilDone(publisher(backend).publish(id));

    assertThat(outcome).isEqualTo(new ClipOutcome.Missing(id));
    assertThat(api.retrievals(id)).isEqualTo(3); // gateways may not know a new job for a moment: asked 3 times
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRateLimitedReadIsWaitedOutAndTheClipIsPublished(Backend backend) {
    VideoId id = api.job().queued().rateLimited(Duration.ofSeconds(45)).completed().create();

    ClipOutcome outcome = api.runUntilDone(publisher(backend).publish(id));

    assertThat(outcome).isInstanceOf(ClipOutcome.Published.class);
    assertThatJournal(api).hasReadsOf(id, 3).readsOfAreSpacedAtLeast(id, Duration.ofSeconds(10));
    Instant limitedAt = api.journal().get(1).at();
    Instant retriedAt = api.journal().get(2).at();
    assertThat(Duration.between(limitedAt, retriedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(45));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDownloadCutOffPartWayIsResumedAndTheFileIsWhole(Backend backend) {
    VideoId id = api.job().queued().completed().contentBytes(64 * 1024).dropContentAfter(20_000).create();

    ClipOutcome outcome = api.runUntilDone(publisher(backend).publish(id));

    assertThat(((ClipOutcome.Published) outcome).file()).hasContent(api.content(id)).tookAttempts(2);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aClipWhoseVideoExpiredBeforeTheDownloadIsRecordedAsExpired(Backend backend) {
    Instant now = api.time().instant();
    VideoId id = api.job().completed(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))).create();

    ClipOutcome outcome = api.runUntilDone(publisher(backend).publish(id));

    assertThat(outcome).isEqualTo(new ClipOutcome.Expired(id));
    assertThat(folder).isEmptyDirectory();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void manyClipsAtOnceAreAllPublished(Backend backend) throws IOException {
    int clips = 500;
    List<VideoId> ids = Stream.generate(() -> api.job().completed().contentBytes(1024).create()).limit(clips)
        .toList();
    ClipPublisher publisher = publisher(backend);

    List<CompletableFuture<ClipOutcome>> all = ids.stream().map(publisher::publish).toList();
    api.runUntilDone(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));

    assertThat(all).allSatisfy(f -> assertThat(f.join()).isInstanceOf(ClipOutcome.Published.class));
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.count()).isEqualTo(clips);
    }
    assertThat(ids).allSatisfy(id -> assertThat(api.retrievals(id)).isEqualTo(1));
  }

  // snippet:start swap
  /** The application exactly as production wires it, over the fake: its client carries the virtual time. */
  private ClipPublisher publisher(Backend backend) {
    Module soraStatus = switch (backend) {
      case IN_MEMORY -> SoraStatusModule.withClient(api.port());            // no transport at all
      case JDK -> SoraStatusModule.builder().config(api.config().build()).transport("jdk").build();
      case APACHE -> SoraStatusModule.builder().config(api.config().build()).transport("apache").build();
    };
    Module testFolder = binder -> {
      OptionalBinder.newOptionalBinder(binder, Key.get(Path.class, Names.named("clips.folder"))).setBinding()
          .toInstance(folder);
      OptionalBinder.newOptionalBinder(binder, DownloadOptions.class).setBinding()
          .toInstance(DownloadOptions.builder().durable(false).build()); // a test needs no fsync
    };
    Injector injector = Guice.createInjector(new ClipsModule(soraStatus), testFolder);
    injectors.add(injector);
    return injector.getInstance(ClipPublisher.class);
  }
  // snippet:end swap
}
