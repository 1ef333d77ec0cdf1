-- The global event feed. Positions are handed out from event_feed_head inside the appending (write-locking)
-- transaction, so a position is never visible before every smaller one is committed.
CREATE TABLE IF NOT EXISTS event_log (
    position            INTEGER NOT NULL PRIMARY KEY,
    event_id            TEXT    NOT NULL,
    type                TEXT    NOT NULL,
    occurred_at         TEXT    NOT NULL,
    recorded_at         TEXT    NOT NULL,
    required_permission TEXT    NOT NULL,
    platform            TEXT    NULL,
    order_id            TEXT    NULL,
    assignee_user_id    TEXT    NULL,
    role                TEXT    NULL,
    payload             TEXT    NOT NULL
)
-- go
CREATE UNIQUE INDEX IF NOT EXISTS ux_event_log_event_id ON event_log (event_id)
-- go
CREATE INDEX IF NOT EXISTS ix_event_log_recorded ON event_log (recorded_at)
-- go
CREATE TABLE IF NOT EXISTS event_feed_head (
    id            INTEGER NOT NULL PRIMARY KEY,
    last_position INTEGER NOT NULL
)
-- go
INSERT OR IGNORE INTO event_feed_head (id, last_position) VALUES (1, 0)
