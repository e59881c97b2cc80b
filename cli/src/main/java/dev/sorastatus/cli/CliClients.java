package dev.sorastatus.cli;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.transport.jdk.JdkHttpTransport;

/** Builds the command's clients: over the JDK transport, which needs nothing beyond the JDK. */
final class CliClients {
  private CliClients() {}

  static SoraClient create(SoraConfig config) {
    return SoraClient.over(config, JdkHttpTransport.create(config));
  }
}
