package com.example.clips;

import dev.sorastatus.DownloadResult;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.util.Objects;

/**
 * What became of a clip, as the clips service records it: published (its video downloaded into the clips
 * folder), failed with the API's reason, still rendering when the service stopped waiting, unknown to the
 * API, or expired before its video could be fetched.
 */
public sealed interface ClipOutcome
    permits ClipOutcome.Published, ClipOutcome.Failed, ClipOutcome.StillRendering, ClipOutcome.Missing,
        ClipOutcome.Expired {

  /**
   * Returns the job this outcome is about.
   *
   * @return the video id
   */
  VideoId id();

  /**
   * The video is done and on disk.
   *
   * @param video the completed job
   * @param file where the video was saved, its size and SHA-256
   */
  record Published(Video video, DownloadResult file) implements ClipOutcome {
    /** Checks that no component is null. */
    public Published {
      Objects.requireNonNull(video, "video == null");
      Objects.requireNonNull(file, "file == null");
    }

    @Override
    public VideoId id() {
      return video.id();
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

  /**
   * The job completed, but its video expired before the service could download it.
   *
   * @param id the job
   */
  record Expired(VideoId id) implements ClipOutcome {
    /** Checks that no component is null. */
    public Expired {
      Objects.requireNonNull(id, "id == null");
    }
  }
}
