-- The tracker's tables, version 1; the same SQL runs on PostgreSQL and H2.
CREATE TABLE sora_tracker_job (
  video_id            VARCHAR(256)  NOT NULL PRIMARY KEY,
  status              VARCHAR(16)   NOT NULL,
  tracked_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  read_count          INTEGER       NOT NULL,
  failures            INTEGER       NOT NULL,
  delivery_id         VARCHAR(300),
  deliveries          INTEGER       NOT NULL,
  handled             BOOLEAN       NOT NULL,
  lease_owner         VARCHAR(64),
  lease_until         TIMESTAMP WITH TIME ZONE,
  video_status        VARCHAR(256),
  video_progress      INTEGER,
  video_error_code    VARCHAR(256),
  video_error_message VARCHAR(4000),
  video_created_at    TIMESTAMP WITH TIME ZONE,
  video_completed_at  TIMESTAMP WITH TIME ZONE,
  video_expires_at    TIMESTAMP WITH TIME ZONE,
  video_download_url  VARCHAR(4000)
);
CREATE INDEX sora_tracker_job_due ON sora_tracker_job (handled, due_at);
CREATE INDEX sora_tracker_job_tracked ON sora_tracker_job (tracked_at);
CREATE UNIQUE INDEX sora_tracker_job_delivery ON sora_tracker_job (delivery_id);
CREATE TABLE sora_tracker_tag (
  video_id  VARCHAR(256) NOT NULL REFERENCES sora_tracker_job (video_id) ON DELETE CASCADE,
  name      VARCHAR(64)  NOT NULL,
  tag_value VARCHAR(256) NOT NULL,
  PRIMARY KEY (video_id, name)
);
CREATE INDEX sora_tracker_tag_value ON sora_tracker_tag (name, tag_value);
CREATE TABLE sora_tracker_worker (
  worker_id VARCHAR(64) NOT NULL PRIMARY KEY,
  last_seen TIMESTAMP WITH TIME ZONE NOT NULL
);
