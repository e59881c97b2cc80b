package dev.sorastatus.webhooks;

/**
 * How many requests a {@link WebhookReceiver} has taken, by outcome, since it was built: for metrics and
 * for tests that check that an event was ignored.
 *
 * @param received every request handled
 * @param woken accepted and woke a wait
 * @param notWaiting accepted for a job nobody here waits for
 * @param duplicates accepted as a repeat of an event already seen
 * @param rejected refused (bad signature, stale, malformed, too large, wrong method)
 */
public record WebhookCounts(long received, long woken, long notWaiting, long duplicates, long rejected) {}
