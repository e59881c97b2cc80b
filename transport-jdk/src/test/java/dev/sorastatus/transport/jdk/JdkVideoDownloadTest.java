package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.VideoDownloadContract;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

class JdkVideoDownloadTest extends VideoDownloadContract<JdkVideoStatusAdapter> {
  private ExecutorService twoThreads;

  @Override
  protected JdkVideoStatusAdapter create(SoraConfig config) {
    return JdkVideoStatusAdapter.create(config);
  }

  /** A client of the caller's running on two threads, which the suite's adapter never closes; stopped here. */
  @Override
  protected JdkVideoStatusAdapter createWithFewThreads(SoraConfig config) {
    AtomicInteger n = new AtomicInteger();
    twoThreads = Executors.newFixedThreadPool(2, r -> new Thread(r, "jdk-client-" + n.incrementAndGet()));
    HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(twoThreads)
        .build();
    return JdkVideoStatusAdapter.create(config, client);
  }

  @org.junit.jupiter.api.AfterEach
  void stopThreads() {
    if (twoThreads != null) {
      twoThreads.shutdownNow();
    }
  }
}
