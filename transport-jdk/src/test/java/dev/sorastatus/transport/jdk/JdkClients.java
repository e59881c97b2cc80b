package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.List;

/** Clients over this transport, as users build them, for the tests. */
final class JdkClients {
  private JdkClients() {}

  static SoraClient create(SoraConfig config) {
    return SoraClient.over(config, JdkHttpTransport.create(config));
  }

  static SoraClient create(SoraConfig config, HttpClient client) {
    return SoraClient.over(config, JdkHttpTransport.create(config, client));
  }

  /** Returns the client's worker threads alive now, through its package-private accessor. */
  @SuppressWarnings("unchecked")
  static List<Thread> threads(SoraClient client) {
    try {
      Method threads = SoraClient.class.getDeclaredMethod("threads");
      threads.setAccessible(true);
      return (List<Thread>) threads.invoke(client);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
