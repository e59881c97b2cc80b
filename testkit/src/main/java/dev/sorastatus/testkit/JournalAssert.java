package dev.sorastatus.testkit;

import dev.sorastatus.VideoId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;

/**
 * AssertJ assertions for the requests a {@link FakeVideoApi} answered ({@link FakeVideoApi#journal()}, taken
 * when the assertions are created); every failure message prints the journal, one request a line with its
 * time, method, path and status. AssertJ's list assertions ({@code filteredOn}, {@code extracting}) remain.
 * Start with {@link SoraAssertions#assertThatJournal(FakeVideoApi)}.
 *
 * <pre>{@code
 * assertThatJournal(api).everyRequestAuthorized().hasReadsOf(id, 4)
 *     .readsOfAreSpacedAtLeast(id, Duration.ofSeconds(10));
 * }</pre>
 */
public final class JournalAssert
    extends AbstractListAssert<JournalAssert, List<RecordedRequest>, RecordedRequest, ObjectAssert<RecordedRequest>> {
  /** The most requests a failure message prints. */
  private static final int SHOWN = 40;

  /** The fake's key as the journal records it, masked. */
  private final String expectedAuthorization;

  /**
   * Creates assertions for the requests {@code fake} has answered so far.
   *
   * @param fake the fake whose journal to check
   * @throws NullPointerException if {@code fake} is null
   */
  public JournalAssert(FakeVideoApi fake) {
    this(Objects.requireNonNull(fake, "fake == null").journal(), Responder.mask("Bearer " + fake.apiKey().reveal()));
  }

  private JournalAssert(List<RecordedRequest> journal, String expectedAuthorization) {
    super(journal, JournalAssert.class);
    this.expectedAuthorization = expectedAuthorization;
  }

  /**
   * Checks how many requests the fake answered, status reads and content reads alike.
   *
   * @param expected the number of requests
   * @return this
   */
  public JournalAssert hasRequestCount(int expected) {
    isNotNull();
    if (actual.size() != expected) {
      fail("to hold " + expected + " request" + (expected == 1 ? "" : "s") + " but it holds " + actual.size());
    }
    return this;
  }

  /**
   * Checks how many times a job's status was read ({@code GET /videos/{id}}; content reads do not count).
   *
   * @param id the job
   * @param expected the number of status reads
   * @return this
   */
  public JournalAssert hasReadsOf(VideoId id, int expected) {
    Objects.requireNonNull(id, "id == null");
    isNotNull();
    int reads = readsOf(id).size();
    if (reads != expected) {
      fail("to hold " + expected + " status read" + (expected == 1 ? "" : "s") + " of " + id + " but it holds "
          + reads);
    }
    return this;
  }

  /**
   * Checks that a job's status was read at least twice and that no two reads in a row came closer than
   * {@code minimum}: the poller's interval, backoff or a server's retry delay was honoured.
   *
   * @param id the job
   * @param minimum the least time between two reads in a row
   * @return this
   */
  public JournalAssert readsOfAreSpacedAtLeast(VideoId id, Duration minimum) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(minimum, "minimum == null");
    isNotNull();
    List<RecordedRequest> reads = readsOf(id);
    if (reads.size() < 2) {
      fail("to hold at least two status reads of " + id + " spaced " + minimum + " apart but it holds "
          + reads.size());
    }
    for (int i = 1; i < reads.size(); i++) {
      Duration gap = Duration.between(reads.get(i - 1).at(), reads.get(i).at());
      if (gap.compareTo(minimum) < 0) {
        fail("to space the status reads of " + id + " at least " + minimum + " apart but reads " + i + " and "
            + (i + 1) + " (at " + reads.get(i - 1).at() + " and " + reads.get(i).at() + ") are " + gap + " apart");
      }
    }
    return this;
  }

  /**
   * Checks that every request carried the fake's key as {@code Authorization: Bearer ...}. The journal keeps
   * only a masked credential (the scheme and at most three characters), so this tells a missing header, another
   * scheme or a differently masked key; a wrong key that masks alike is answered 401 by the fake.
   *
   * @return this
   */
  public JournalAssert everyRequestAuthorized() {
    isNotNull();
    List<String> offenders = new ArrayList<>();
    for (RecordedRequest r : actual) {
      Optional<String> header = r.header("Authorization");
      if (header.isEmpty()) {
        offenders.add(line(r) + " (no Authorization header)");
      } else if (!header.get().equals(expectedAuthorization)) {
        offenders.add(line(r) + " (Authorization: " + header.get() + ", not " + expectedAuthorization + ")");
      }
    }
    if (!offenders.isEmpty()) {
      fail("to hold only requests with the fake's key but these are not:" + System.lineSeparator()
          + String.join(System.lineSeparator(), offenders) + System.lineSeparator() + "in");
    }
    return this;
  }

  /**
   * Checks that nothing reached the fake after {@code instant}: a finished wait stopped polling.
   *
   * @param instant the last instant, on the fake's {@link VirtualTime}, at which a request may have arrived
   * @return this
   */
  public JournalAssert hasNoRequestsAfter(Instant instant) {
    Objects.requireNonNull(instant, "instant == null");
    isNotNull();
    List<RecordedRequest> late = actual.stream().filter(r -> r.at().isAfter(instant)).collect(Collectors.toList());
    if (!late.isEmpty()) {
      fail("to hold no request after " + instant + " but it holds " + late.size() + ", the first "
          + line(late.get(0)).strip());
    }
    return this;
  }

  private List<RecordedRequest> readsOf(VideoId id) {
    return actual.stream().filter(r -> !r.isContent() && r.videoId().equals(Optional.of(id)))
        .collect(Collectors.toList());
  }

  @Override
  protected ObjectAssert<RecordedRequest> toAssert(RecordedRequest value, String description) {
    return new ObjectAssert<>(value).as(description);
  }

  @Override
  protected JournalAssert newAbstractIterableAssert(Iterable<? extends RecordedRequest> iterable) {
    List<RecordedRequest> copy = new ArrayList<>();
    iterable.forEach(copy::add);
    return new JournalAssert(List.copyOf(copy), expectedAuthorization);
  }

  private void fail(String expectation) {
    failWithMessage("%nExpecting the journal %s:%n%s", expectation, describe(actual));
  }

  /** Returns one request a line, at most {@link #SHOWN} of them. */
  static String describe(List<RecordedRequest> journal) {
    if (journal.isEmpty()) {
      return "  (no requests)";
    }
    String lines = journal.stream().limit(SHOWN).map(JournalAssert::line)
        .collect(Collectors.joining(System.lineSeparator()));
    return journal.size() <= SHOWN ? lines
        : lines + System.lineSeparator() + "  ... and " + (journal.size() - SHOWN) + " more";
  }

  private static String line(RecordedRequest r) {
    return "  " + r.at() + " " + r;
  }
}
