package dev.sorastatus.micrometer;

import dev.sorastatus.SoraObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Objects;

/**
 * Makes the {@link SoraObserver} that records sora-status's work in a Micrometer {@link MeterRegistry}:
 * timers of status reads, downloads and waits, counters of retries, rate-limit waits and bytes downloaded,
 * and gauges of waits, reads and downloads in flight. Tag values come from closed sets (an outcome, a status
 * class, a cause), never a video id, a URL or a key, so the number of series stays bounded however many jobs
 * are read. The meters are listed in {@code docs/metrics.md}.
 *
 * <p>Install the observer in one line, once per registry, where the work is done:
 *
 * <pre>{@code
 * SoraObserver metrics = SoraMetrics.create(meterRegistry);
 * // everything built over the client: its reads, its downloaders, its pollers
 * SoraClient client = SoraClient.create(SoraConfig.fromEnvironment(System::getenv).observer(metrics).build());
 * // or one poller, over any port
 * VideoPoller poller = VideoPoller.builder(port).observer(metrics).build();
 * // or one downloader
 * VideoDownloader downloader = VideoDownloader.builder(client).observer(metrics).build();
 * }</pre>
 */
public final class SoraMetrics {
  private SoraMetrics() {}

  /**
   * Returns an observer that records into {@code registry}, registering its gauges now.
   *
   * @param registry where the meters go
   * @return the observer, thread-safe; create one per registry and share it
   * @throws NullPointerException if {@code registry} is null
   */
  public static SoraObserver create(MeterRegistry registry) {
    return create(registry, Tags.empty());
  }

  /**
   * Returns an observer that records into {@code registry} with {@code commonTags} on every meter, such as
   * the gateway an application reads, to tell several clients apart.
   *
   * <pre>{@code
   * SoraObserver metrics = SoraMetrics.create(meterRegistry, Tags.of("api", "gateway-eu"));
   * }</pre>
   *
   * @param registry where the meters go
   * @param commonTags tags added to every meter; keep their values few and fixed
   * @return the observer, thread-safe; create one per registry and tag set and share it
   * @throws NullPointerException if an argument is null
   */
  public static SoraObserver create(MeterRegistry registry, Iterable<Tag> commonTags) {
    Objects.requireNonNull(registry, "registry == null");
    Objects.requireNonNull(commonTags, "commonTags == null");
    return new MicrometerObserver(registry, Tags.of(commonTags));
  }
}
