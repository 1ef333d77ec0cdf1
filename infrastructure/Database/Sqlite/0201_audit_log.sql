-- Audit log: security events and every state-changing action, append-only. occurred_at is Unix milliseconds (UTC).
CREATE TABLE IF NOT EXISTS audit_log (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    occurred_at    INTEGER NOT NULL,
    actor_kind     TEXT    NOT NULL,
    actor_id       TEXT    NOT NULL,
    actor_name     TEXT    NULL,
    action         TEXT    NOT NULL,
    target         TEXT    NULL,
    outcome        TEXT    NOT NULL,
    remote_address TEXT    NULL,
    details        TEXT    NULL
)
-- go
CREATE INDEX IF NOT EXISTS ix_audit_log_time ON audit_log (occurred_at, id)
-- go
CREATE INDEX IF NOT EXISTS ix_audit_log_action ON audit_log (action, occurred_at)
-- go
CREATE INDEX IF NOT EXISTS ix_audit_log_actor ON audit_log (actor_id, occurred_at)
