package dev.sorastatus.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.sorastatus.VideoId;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.tracker.JobStatus;
import dev.sorastatus.tracker.OutcomeHandler;
import dev.sorastatus.tracker.TrackedOutcome;
import dev.sorastatus.tracker.TrackerStore;
import dev.sorastatus.tracker.VideoTracker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link TrackerModule} beside {@link SoraStatusModule}, on the testkit's in-memory fake in virtual time. */
class TrackerModuleTest {
  private final List<TrackedOutcome> outcomes = new CopyOnWriteArrayList<>();

  @Test
  void theBoundTrackerReadsThroughTheBoundPortOnItsTimeAndDeliversToTheBoundHandler() {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VideoId id = api.job().queued().processing(50).completed().create();
      TrackerStore store = TrackerStore.inMemory();
      Injector injector = Guice.createInjector(SoraStatusModule.withClient(api.port()),
          TrackerModule.builder().store(store).tracker(b -> b.executor(Runnable::run).workerId("guice")).build(),
          binder -> binder.bind(OutcomeHandler.class).toInstance(outcomes::add));
      VideoTracker tracker = injector.getInstance(VideoTracker.class);
      assertThat(injector.getInstance(VideoTracker.class)).isSameAs(tracker);

      tracker.track(id, Map.of("customer", "42"));
      tracker.start();
      api.time().advance(Duration.ofMinutes(2));

      assertThat(outcomes).singleElement().satisfies(o -> {
        assertThat(o.videoId()).isEqualTo(id);
        assertThat(o.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(o.tags()).containsEntry("customer", "42");
      });
      assertThat(store.find(id).orElseThrow().handled()).isTrue();
      injector.getInstance(SoraStatusShutdown.class).close();
      assertThat(tracker.toString()).contains("worker=guice").contains("closed");
    }
  }

  @Test
  void theStoreMayComeFromTheApplicationsBinding() {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      TrackerStore store = TrackerStore.inMemory();
      Injector injector = Guice.createInjector(SoraStatusModule.withClient(api.port()), TrackerModule.create(),
          binder -> binder.bind(TrackerStore.class).toInstance(store),
          binder -> binder.bind(OutcomeHandler.class).toInstance(outcomes::add));

      injector.getInstance(VideoTracker.class).track(VideoId.of("video_1"), Map.of());

      assertThat(store.find(VideoId.of("video_1"))).isPresent();
      injector.getInstance(SoraStatusShutdown.class).close();
    }
  }

  @Test
  void withoutAStoreTheInjectorIsRefusedWhenItIsCreated() {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      assertThatThrownBy(() -> Guice.createInjector(SoraStatusModule.withClient(api.port()), TrackerModule.create(),
          binder -> binder.bind(OutcomeHandler.class).toInstance(outcomes::add)))
          .isInstanceOf(CreationException.class).hasMessageContaining("TrackerStore");
    }
  }

  @Test
  void theDefaultTrackerIsReplacedWithoutModulesOverride() {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VideoTracker mine = VideoTracker.builder(api.port(), TrackerStore.inMemory(), outcomes::add).build();
      Injector injector = Guice.createInjector(SoraStatusModule.withClient(api.port()), TrackerModule.create(),
          binder -> OptionalBinder.newOptionalBinder(binder, VideoTracker.class).setBinding().toInstance(mine),
          binder -> binder.bind(TrackerStore.class).toInstance(TrackerStore.inMemory()),
          binder -> binder.bind(OutcomeHandler.class).toInstance(outcomes::add));

      assertThat(injector.getInstance(VideoTracker.class)).isSameAs(mine);
      injector.getInstance(SoraStatusShutdown.class).close();
      assertThat(mine.toString()).doesNotContain("closed"); // the application's own is never closed by the module
      mine.close();
    }
  }
}
