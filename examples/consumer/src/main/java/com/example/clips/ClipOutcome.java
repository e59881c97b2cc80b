package com.example.clips;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a clip's rendering job, as the clips service records it: ready with where to fetch it,
 * failed with the reason, still rendering when the service stopped waiting, or unknown to the API.
 */
public sealed interface ClipOutcome
    permits ClipOutcome.Ready, ClipOutcome.Failed, ClipOutcome.StillRendering, ClipOutcome.Missing {

  /**
   * Returns the job this outcome is about.
   *
   * @return the video id
   */
  VideoId id();

  /**
   * The video is done: {@code video.downloadUrl()} is where the gateway serves the file when it names one
   * (else the API's {@code /videos/{id}/content} endpoint serves it) and {@code video.expiresAt()} is when
   * it stops being served.
   *
   * @param video the completed job
   */
  record Ready(Video video) implements ClipOutcome {
    /** Checks that the video is there. */
    public Ready {
      Objects.requireNonNull(video, "video == null");
    }

    @Override
    public VideoId id() {
      return video.id();
    }

    /**
     * Returns where the gateway serves the file, when it names a place.
     *
     * @return the download URL, or empty for the API's content endpoint
     */
    public Optional<URI> downloadUrl() {
      return video.downloadUrl();
    }
  }

  /**
   * The generation failed; {@code video.error()} says why.
   *
   * @param video the failed job
   */
  record Failed(Video video) implements ClipOutcome {
    /** Checks that the video is there. */
    public Failed {
      Objects.requireNonNull(video, "video == null");
    }

    @Override
    public VideoId id() {
      return video.id();
    }
  }

  /**
   * The service stopped waiting before the job ended.
   *
   * @param id the job
   * @param lastProgress the last percentage seen, 0 if none was
   */
  record StillRendering(VideoId id, int lastProgress) implements ClipOutcome {
    /** Checks that no component is null. */
    public StillRendering {
      Objects.requireNonNull(id, "id == null");
    }
  }

  /**
   * The API does not know the job (never created, or deleted).
   *
   * @param id the job
   */
  record Missing(VideoId id) implements ClipOutcome {
    /** Checks that no component is null. */
    public Missing {
      Objects.requireNonNull(id, "id == null");
    }
  }
}
