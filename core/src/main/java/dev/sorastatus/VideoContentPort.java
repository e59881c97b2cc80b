package dev.sorastatus;

import java.util.concurrent.CompletableFuture;

/**
 * Streams the files of a finished job: the port {@link VideoDownloader} depends on, beside
 * {@link VideoStatusPort}. A {@link SoraClient} serves it over the protocol in core, so the same-origin rule
 * for credentials and the mapping of error responses are written once; {@link VideoDownloader#create(SoraClient)}
 * takes the client itself. Implementations are thread-safe.
 *
 * <pre>{@code
 * try (var client = SoraClient.create(config)) {
 *   VideoDownloader downloader = VideoDownloader.create(client);
 * }
 * }</pre>
 */
interface VideoContentPort {

  /**
   * Streams the content {@code request} names into {@code sink} without holding a thread while waiting
   * for the network: the head first, then every byte of the body in order. A response whose body is JSON
   * naming a {@code url} (or {@code video_url}) is followed once, and redirects are followed, sending
   * credentials only to the API's own origin.
   *
   * <p>The future completes once the whole body was handed to the sink. It fails with the exceptions
   * {@link VideoStatusPort#retrieve} throws for an error status or a failed connection (a body cut off
   * part way is a {@link SoraTransportException}), a {@link VideoDownloadException} ({@code REJECTED}) for a JSON answer
   * without a URL, or with whatever the sink threw. Cancelling it abandons the transfer. The request's
   * timeout covers the wait for the response's head only: the reader paces the body.
   *
   * @param request what to fetch and from which byte
   * @param sink where the head and bytes go
   * @return a future that completes when the body ended
   * @throws NullPointerException if an argument is null
   */
  CompletableFuture<Void> stream(ContentRequest request, ContentSink sink);
}
