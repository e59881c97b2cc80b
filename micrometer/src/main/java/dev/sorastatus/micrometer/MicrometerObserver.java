package dev.sorastatus.micrometer;

import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraException;
import dev.sorastatus.SoraObserver;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoId;
import dev.sorastatus.WaitOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The observer {@link SoraMetrics} makes: each event becomes a meter update, tagged only with values from
 * closed sets ({@link #outcome(Optional)}, {@link #statusClass(int)}), so that no id or URL reaches a tag.
 */
final class MicrometerObserver implements SoraObserver {
  static final String READS = "sora.status.reads";
  static final String READS_ACTIVE = "sora.status.reads.active";
  static final String RETRIES = "sora.retries";
  static final String RATE_LIMIT_WAITS = "sora.rate.limit.waits";
  static final String DOWNLOADS = "sora.downloads";
  static final String DOWNLOADS_ACTIVE = "sora.downloads.active";
  static final String DOWNLOAD_BYTES = "sora.download.bytes";
  static final String WAITS = "sora.waits";
  static final String WAITS_ACTIVE = "sora.waits.active";
  private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  private final Meter.MeterProvider<Timer> reads;
  private final Meter.MeterProvider<Counter> retries;
  private final Timer rateLimitWaits;
  private final Meter.MeterProvider<Timer> downloads;
  private final Counter downloadBytes;
  private final Meter.MeterProvider<Timer> waits;
  // Held here so that the gauges, which keep only weak references, go on reading them.
  private final AtomicInteger readsActive = new AtomicInteger();
  private final AtomicInteger downloadsActive = new AtomicInteger();
  private final AtomicInteger waitsActive = new AtomicInteger();
  private final String description;

  MicrometerObserver(MeterRegistry registry, Tags common) {
    this.reads = Timer.builder(READS).tags(common)
        .description("Status and listing reads of the video API, retries included, by outcome")
        .withRegistry(registry);
    this.retries = Counter.builder(RETRIES).tags(common)
        .description("Transient errors retried, by a read's retry policy or by a poller, by cause")
        .withRegistry(registry);
    this.rateLimitWaits = Timer.builder(RATE_LIMIT_WAITS).tags(common)
        .description("Rate limits (HTTP 429) that held requests back, and the delays the server asked")
        .register(registry);
    this.downloads = Timer.builder(DOWNLOADS).tags(common)
        .description("Downloads of a job's file, from start to the file in place or abandoned, by outcome")
        .withRegistry(registry);
    this.downloadBytes = Counter.builder(DOWNLOAD_BYTES).tags(common).baseUnit("bytes")
        .description("Bytes of content written to files as they arrived")
        .register(registry);
    this.waits = Timer.builder(WAITS).tags(common)
        .description("Waits of a poller from start to end, by outcome")
        .withRegistry(registry);
    gauge(registry, common, READS_ACTIVE, readsActive, "Status and listing reads in flight");
    gauge(registry, common, DOWNLOADS_ACTIVE, downloadsActive, "Downloads in flight");
    gauge(registry, common, WAITS_ACTIVE, waitsActive, "Waits of pollers in flight");
    this.description = "SoraMetrics[" + registry.getClass().getSimpleName() + "]";
  }

  private static void gauge(MeterRegistry registry, Tags common, String name, AtomicInteger value, String what) {
    Gauge.builder(name, value, AtomicInteger::get).tags(common).description(what).register(registry);
  }

  @Override
  public void readStarted(Operation operation) {
    readsActive.incrementAndGet();
  }

  @Override
  public void readFinished(Operation operation, Optional<Throwable> error, int statusCode, Duration duration) {
    readsActive.decrementAndGet();
    reads.withTags("operation", lower(operation), "outcome", outcome(error), "status", statusClass(statusCode))
        .record(duration);
  }

  @Override
  public void retryScheduled(SoraException cause, Duration delay) {
    retries.withTags("cause", outcome(Optional.of(cause))).increment();
  }

  @Override
  public void rateLimited(Duration delay) {
    rateLimitWaits.record(delay);
  }

  @Override
  public void downloadStarted(VideoId id) {
    downloadsActive.incrementAndGet();
  }

  @Override
  public void downloadBytes(VideoId id, long bytes) {
    downloadBytes.increment(bytes);
  }

  @Override
  public void downloadFinished(VideoId id, Optional<Throwable> error, long bytes, Duration duration) {
    downloadsActive.decrementAndGet();
    downloads.withTags("outcome", outcome(error)).record(duration);
  }

  @Override
  public void waitStarted(VideoId id) {
    waitsActive.incrementAndGet();
  }

  @Override
  public void waitFinished(VideoId id, WaitOutcome.Kind outcome, Duration duration) {
    waitsActive.decrementAndGet();
    waits.withTags("outcome", lower(outcome)).record(duration);
  }

  /**
   * Returns the tag value for how something ended: {@code success}, a {@link SoraApiException.Kind} or a
   * {@link VideoDownloadException.Reason} in lower case, {@code transport}, {@code malformed},
   * {@code cancelled}, or {@code other}.
   */
  static String outcome(Optional<Throwable> error) {
    if (error.isEmpty()) {
      return "success";
    }
    Throwable e = error.get();
    if (e instanceof SoraApiException) {
      return lower(((SoraApiException) e).kind());
    }
    if (e instanceof SoraTransportException) {
      return "transport";
    }
    if (e instanceof MalformedResponseException) {
      return "malformed";
    }
    if (e instanceof VideoDownloadException) {
      return lower(((VideoDownloadException) e).reason());
    }
    if (e instanceof CancellationException) {
      return "cancelled";
    }
    return "other";
  }

  /** Returns {@code 2xx} and the like for an HTTP status, {@code none} for no response. */
  static String statusClass(int statusCode) {
    if (statusCode == 0) {
      return "none";
    }
    int c = statusCode / 100;
    return c >= 1 && c <= 5 ? STATUS_CLASSES[c - 1] : "other";
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return description;
  }
}
