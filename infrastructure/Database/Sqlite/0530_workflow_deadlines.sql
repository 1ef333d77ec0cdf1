-- Pending workflow deadlines (task timeouts, waits, retries), one row each: scheduling one is a row write however
-- many are pending. Each deadline belongs to a shard (a hash of its id); a shard grain reads its due rows through
-- (shard, due_ticks). due_ticks is the due time in UTC .NET ticks, exact, so a conditional delete after firing
-- matches the very row that was read.
CREATE TABLE IF NOT EXISTS workflow_deadlines (
    deadline_id   TEXT    NOT NULL PRIMARY KEY,
    shard         INTEGER NOT NULL,
    instance_key  TEXT    NOT NULL,
    due_ticks     INTEGER NOT NULL
)
-- go
CREATE INDEX IF NOT EXISTS ix_workflow_deadlines_due ON workflow_deadlines (shard, due_ticks)
