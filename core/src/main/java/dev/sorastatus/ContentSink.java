package dev.sorastatus;

import java.nio.ByteBuffer;

/**
 * Receives the content a {@link VideoContentPort} streams: its {@link ContentHead} once, then its bytes in
 * order. Calls come one at a time on the transport's threads, so an implementation consumes each buffer
 * before returning and never blocks for long. Throwing from either method abandons the transfer; the port's
 * future then fails with exactly that exception.
 */
interface ContentSink {

  /**
   * Receives what the response said about the bytes to come; called once, before any {@link #write}.
   *
   * @param head where the bytes start, how many and what type
   */
  void head(ContentHead head);

  /**
   * Receives the next bytes of the body.
   *
   * @param bytes the bytes between position and limit; consume all of them, and do not keep the buffer,
   *     which the transport reuses
   */
  void write(ByteBuffer bytes);
}
