package dev.sorastatus;

/**
 * Reaches core's package-private decoder for the benchmarks, which measure it alone. It lives in core's
 * package inside this unpublished module only; applications decode through a port.
 */
public final class BenchmarkAccess {
  private BenchmarkAccess() {}

  /**
   * Decodes a status body as every port does.
   *
   * @param body the response body
   * @param requested the job that was asked for
   * @return the video
   */
  public static Video decode(byte[] body, VideoId requested) {
    return VideoMapper.decode(body, requested);
  }
}
