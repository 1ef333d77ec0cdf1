-- Per-user notification choices; permissions is the user's permission list (space separated) when saved.
CREATE TABLE IF NOT EXISTS notification_preferences (
    user_id        TEXT    NOT NULL PRIMARY KEY,
    new_orders     INTEGER NOT NULL,
    assigned_tasks INTEGER NOT NULL,
    sync_failures  INTEGER NOT NULL,
    returns        INTEGER NOT NULL,
    in_app         INTEGER NOT NULL,
    email          INTEGER NOT NULL,
    email_address  TEXT    NULL,
    permissions    TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
)
-- go
CREATE TABLE IF NOT EXISTS notifications (
    id                  INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_id             TEXT    NOT NULL,
    position            INTEGER NOT NULL,
    event_id            TEXT    NOT NULL,
    type                TEXT    NOT NULL,
    required_permission TEXT    NOT NULL,
    payload             TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    read_at             TEXT    NULL
)
-- go
CREATE UNIQUE INDEX IF NOT EXISTS ux_notifications_user_position ON notifications (user_id, position)
-- go
CREATE INDEX IF NOT EXISTS ix_notifications_user_unread ON notifications (user_id, read_at, id)
-- go
-- How far each durable consumer of the event feed has got.
CREATE TABLE IF NOT EXISTS event_consumers (
    name     TEXT    NOT NULL PRIMARY KEY,
    position INTEGER NOT NULL
)
-- go
-- The notification dispatcher starts with the feed, so it considers every event from the first.
INSERT OR IGNORE INTO event_consumers (name, position) VALUES ('notifications', 0)
