-- Marketplaces: the account list with sync health (read model of the account grains), the durable webhook inbox,
-- and the Data Protection key ring shared by every process that decrypts platform credentials.
CREATE TABLE IF NOT EXISTS platform_accounts (
    id                    TEXT    NOT NULL PRIMARY KEY,
    platform              TEXT    NOT NULL,
    name                  TEXT    NOT NULL,
    shop_id               TEXT    NOT NULL,
    sync_status           TEXT    NOT NULL,
    active                INTEGER NOT NULL,
    is_demo               INTEGER NOT NULL,
    sync_interval_seconds INTEGER NOT NULL,
    last_sync_at          TEXT    NULL,
    watermark             TEXT    NULL,
    last_error            TEXT    NULL,
    orders_upserted       INTEGER NOT NULL,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
)
-- go
CREATE INDEX IF NOT EXISTS ix_platform_accounts_platform_name ON platform_accounts (platform, name)
-- go
CREATE TABLE IF NOT EXISTS webhook_inbox (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    platform          TEXT    NOT NULL,
    account_id        TEXT    NOT NULL,
    event_id          TEXT    NOT NULL,
    platform_order_id TEXT    NULL,
    body              BLOB    NOT NULL,
    headers           TEXT    NOT NULL,
    callback_url      TEXT    NOT NULL,
    received_at       TEXT    NOT NULL,
    processed_at      TEXT    NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   TEXT    NOT NULL,
    lease_until       TEXT    NULL,
    last_error        TEXT    NULL
)
-- go
CREATE UNIQUE INDEX IF NOT EXISTS ux_webhook_inbox_event ON webhook_inbox (platform, account_id, event_id)
-- go
CREATE INDEX IF NOT EXISTS ix_webhook_inbox_due ON webhook_inbox (processed_at, next_attempt_at)
