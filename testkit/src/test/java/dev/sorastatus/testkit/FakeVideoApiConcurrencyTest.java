package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads polling many jobs see consistent per-job sequences. The semantics: a job's steps advance
 * atomically, one per read, so across all readers every step is served exactly once, in script order, and
 * then the last step sticks; a reader that reads a job twice never sees it go backwards.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FakeVideoApiConcurrencyTest {
  private static final int THREADS = 100;
  private static final int JOBS = 100;
  private static final int READS_PER_THREAD_PER_JOB = 2;
  private static final int STEPS = 150; // processing(0..148), then completed: fewer than the 200 reads per job

  @Test
  void hundredThreadsReadingHundredJobsSeeEveryStepExactlyOnceAndInOrder() throws Exception {
    FakeVideoApi api = FakeVideoApi.create();
    List<VideoId> ids = new ArrayList<>();
    for (int j = 0; j < JOBS; j++) {
      FakeVideoApi.JobBuilder job = api.job();
      for (int s = 0; s < STEPS - 1; s++) {
        job.status("step_" + s, s % 101); // a raw status per step makes every step recognisable
      }
      ids.add(job.completed().create());
    }
    int[][][] seen = new int[THREADS][JOBS][READS_PER_THREAD_PER_JOB];
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long began = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          List<Integer> order = new ArrayList<>();
          for (int j = 0; j < JOBS; j++) {
            order.add(j);
          }
          Collections.shuffle(order, new java.util.Random(thread));
          for (int round = 0; round < READS_PER_THREAD_PER_JOB; round++) {
            for (int j : order) {
              Video v = round % 2 == 0 ? api.port().retrieve(ids.get(j)) : api.port().retrieveAsync(ids.get(j)).join();
              seen[thread][j][round] = stepOf(v);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(100, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - began) / 1_000_000;

    for (int j = 0; j < JOBS; j++) {
      int[] counts = new int[STEPS];
      for (int t = 0; t < THREADS; t++) {
        int first = seen[t][j][0];
        int second = seen[t][j][1];
        counts[first]++;
        counts[second]++;
        assertThat(second).as("job %d, thread %d: second read after first", j, t)
            .isGreaterThanOrEqualTo(first);
        if (first < STEPS - 1) {
          assertThat(second).as("job %d, thread %d: a step is served once", j, t).isGreaterThan(first);
        }
      }
      for (int s = 0; s < STEPS - 1; s++) {
        assertThat(counts[s]).as("job %d, step %d served", j, s).isEqualTo(1);
      }
      assertThat(counts[STEPS - 1]).as("job %d, last step sticks", j)
          .isEqualTo(THREADS * READS_PER_THREAD_PER_JOB - (STEPS - 1));
      assertThat(api.retrievals(ids.get(j))).isEqualTo(THREADS * READS_PER_THREAD_PER_JOB);
    }
    assertThat(api.requestCount()).isEqualTo((long) THREADS * JOBS * READS_PER_THREAD_PER_JOB);
    System.out.println("concurrency: " + THREADS * JOBS * READS_PER_THREAD_PER_JOB + " reads in " + millis + " ms");
  }

  private static int stepOf(Video v) {
    return v.rawStatus().startsWith("step_") ? Integer.parseInt(v.rawStatus().substring(5)) : STEPS - 1;
  }
}
