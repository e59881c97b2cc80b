package dev.sorastatus.cli;

import dev.sorastatus.SoraConfig;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The options every command shares: where the API is, the key, and how much to say when something fails. */
final class ConnectionOptions {
  @Option(names = "--base-url", paramLabel = "URL",
      description = "The API root, such as https://gateway.example.com/v1 (default: $SORA_BASE_URL, else $OPENAI_BASE_URL).")
  String baseUrl;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "The API key (default: $SORA_API_KEY, else $OPENAI_API_KEY; prefer the environment: "
          + "a flag is visible to other users of this machine).")
  String apiKey;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors (never the key).")
  boolean verbose;

  /** Returns the configuration from these flags, falling back to the environment. */
  SoraConfig config(CliContext context) {
    Function<String, String> env = name -> {
      // the configuration reads SORA_BASE_URL, else OPENAI_BASE_URL, and likewise *_API_KEY: a flag wins
      if (baseUrl != null && name.endsWith("_BASE_URL")) {
        return baseUrl;
      }
      if (apiKey != null && name.endsWith("_API_KEY")) {
        return apiKey;
      }
      return context.env.apply(name);
    };
    return context.apply(SoraConfig.fromEnvironment(env)).build();
  }
}
