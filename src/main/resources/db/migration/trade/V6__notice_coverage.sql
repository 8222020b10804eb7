-- Where the execution-notice stream was receiving, recorded so that any process can tell whether
-- an interval was covered (docs/architecture.md, "Evidence rules"). One row per subscribed
-- connection: covered from the confirmed subscription to the last frame received (PINGPONG
-- included); anything after last_frame_ts is a gap until another row covers it. A process that
-- dies leaves its row open, and its coverage ends at its last frame.
CREATE TABLE trade.notice_coverage (
    id            BIGSERIAL   PRIMARY KEY,
    stream_key    TEXT        NOT NULL,             -- environment + one-way hash of the HTS id, never the id
    owner         TEXT        NOT NULL,             -- process incarnation that held the connection
    connected_ts  TIMESTAMPTZ NOT NULL,             -- subscription confirmed
    last_frame_ts TIMESTAMPTZ NOT NULL,             -- last frame of any kind received
    closed_ts     TIMESTAMPTZ,                      -- connection ended (frames after it are not recorded)
    close_reason  TEXT,
    CONSTRAINT notice_coverage_ordered CHECK (last_frame_ts >= connected_ts),
    CONSTRAINT notice_coverage_closed CHECK ((closed_ts IS NULL) = (close_reason IS NULL))
);

CREATE INDEX notice_coverage_stream_idx ON trade.notice_coverage (stream_key, last_frame_ts);
