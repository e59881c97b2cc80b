package dev.sorastatus;

import java.util.OptionalLong;

/**
 * Is told how far a download has come, after each chunk written. Calls for one download come one at a time
 * on the transport's threads, so keep them short. When a resumed transfer has to start over (the server
 * ignored the range), the count goes back to zero. An exception thrown by a listener is logged and
 * otherwise ignored: it never breaks the download.
 *
 * <pre>{@code
 * DownloadProgressListener bar = (bytes, total) ->
 *     System.out.printf("\r%d / %s bytes", bytes, total.isPresent() ? total.getAsLong() : "?");
 * }</pre>
 */
@FunctionalInterface
public interface DownloadProgressListener {

  /**
   * Receives the number of bytes written so far.
   *
   * @param bytes the bytes of the file written so far
   * @param total the file's size, when the server declared it
   */
  void onProgress(long bytes, OptionalLong total);
}
