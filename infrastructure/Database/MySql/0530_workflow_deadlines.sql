-- Pending workflow deadlines (task timeouts, waits, retries), one row each: scheduling one is a row write however
-- many are pending. Each deadline belongs to a shard (a hash of its id); a shard grain reads its due rows through
-- (shard, due_ticks). due_ticks is the due time in UTC .NET ticks, exact, so a conditional delete after firing
-- matches the very row that was read.
CREATE TABLE IF NOT EXISTS workflow_deadlines (
    deadline_id   VARCHAR(255)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    shard         INT           NOT NULL,
    instance_key  VARCHAR(100)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    due_ticks     BIGINT        NOT NULL,
    PRIMARY KEY (deadline_id),
    KEY ix_workflow_deadlines_due (shard, due_ticks)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
