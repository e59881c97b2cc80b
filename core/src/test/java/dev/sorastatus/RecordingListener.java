package dev.sorastatus;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A listener that writes each event as one line, stamped with the virtual time, for exact assertions. */
final class RecordingListener implements PollListener {
  private final Clock clock;
  private final List<String> events = new ArrayList<>();

  RecordingListener(Clock clock) {
    this.clock = clock;
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  private synchronized void add(String event) {
    Duration at = Duration.between(ManualTime.EPOCH, clock.instant());
    events.add(at.toMillis() / 1000.0 + "s " + event);
  }

  @Override
  public void statusChanged(Video video) {
    add("status " + video.rawStatus());
  }

  @Override
  public void progressChanged(Video video) {
    add("progress " + video.progress());
  }

  @Override
  public void retryScheduled(VideoId id, SoraException cause, Duration delay, int retriesInARow) {
    add("retry " + retriesInARow + " in " + delay.toMillis() / 1000.0 + "s after "
        + cause.getClass().getSimpleName()
        + (cause.getClass() == SoraApiException.class ? " " + ((SoraApiException) cause).kind() : ""));
  }

  @Override
  public void finished(VideoId id, WaitOutcome.Kind outcome, Optional<Video> lastSeen) {
    add("finished " + outcome + " " + lastSeen.map(Video::rawStatus).orElse("-"));
  }
}
