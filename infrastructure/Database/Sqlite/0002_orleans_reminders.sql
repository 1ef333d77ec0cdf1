-- Orleans reminders of the embedded node. `grain_hash` is GrainId.GetUniformHashCode() kept as the unsigned
-- 32-bit value (SQLite integers are 64-bit), so ring ranges compare without a signed cast.
-- `version` is the ETag: each upsert of a reminder writes a new one.
CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_at      TEXT    NOT NULL,
    period_ms     INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
)
-- go
CREATE INDEX IF NOT EXISTS ix_orleans_reminders_hash ON orleans_reminders (service_id, grain_hash)
