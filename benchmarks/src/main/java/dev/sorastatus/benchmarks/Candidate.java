package dev.sorastatus.benchmarks;

import java.io.IOException;

/** One way to read a job's status over HTTP and decode it: a client under test. */
interface Candidate extends AutoCloseable {
  /**
   * Reads the status once.
   *
   * @return the decoded result, for the blackhole
   * @throws Exception if the call fails; the benchmark then fails
   */
  Object retrieve() throws Exception;

  @Override
  void close() throws IOException;
}
