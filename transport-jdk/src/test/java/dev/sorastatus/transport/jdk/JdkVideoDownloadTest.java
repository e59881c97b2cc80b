package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.VideoDownloadContract;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

class JdkVideoDownloadTest extends VideoDownloadContract {
  private ExecutorService twoThreads;

  @Override
  protected SoraClient create(SoraConfig config) {
    return JdkClients.create(config);
  }

  /** A client of the caller's running on two threads, which the suite's adapter never closes; stopped here. */
  @Override
  protected SoraClient createWithFewThreads(SoraConfig config) {
    AtomicInteger n = new AtomicInteger();
    twoThreads = Executors.newFixedThreadPool(2, r -> new Thread(r, "jdk-client-" + n.incrementAndGet()));
    HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(twoThreads)
        .build();
    return JdkClients.create(config, client);
  }

  @org.junit.jupiter.api.AfterEach
  void stopThreads() {
    if (twoThreads != null) {
      twoThreads.shutdownNow();
    }
  }
}
