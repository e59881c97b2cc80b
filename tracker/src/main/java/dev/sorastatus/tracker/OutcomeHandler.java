package dev.sorastatus.tracker;

/**
 * Receives the outcome of each finished job: the one place where an application learns that a tracked job
 * ended. Delivery is at least once: an outcome counts as handled only once this method returns normally; if
 * it throws, or the process dies first, the same outcome (with the same {@link TrackedOutcome#deliveryId()})
 * is delivered again later, so make the handler idempotent on that id.
 */
@FunctionalInterface
public interface OutcomeHandler {

  /**
   * Handles {@code outcome}; returning normally marks it handled.
   *
   * @param outcome how the job ended
   * @throws Exception to have the outcome delivered again after a backoff
   */
  void handle(TrackedOutcome outcome) throws Exception;
}
