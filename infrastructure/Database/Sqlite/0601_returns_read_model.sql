-- Returns read model (range 0600-0699): one row per return, the newest grain version wins.
CREATE TABLE IF NOT EXISTS returns (
    id              TEXT    NOT NULL PRIMARY KEY,
    version         INTEGER NOT NULL,
    rma_number      TEXT    NOT NULL,
    order_id        TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    customer_name   TEXT    NOT NULL,
    location        TEXT    NOT NULL,
    refund_value    TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
)
-- go
CREATE UNIQUE INDEX IF NOT EXISTS ux_returns_rma ON returns (rma_number)
-- go
CREATE INDEX IF NOT EXISTS ix_returns_created ON returns (created_at DESC, id DESC)
-- go
CREATE INDEX IF NOT EXISTS ix_returns_status_created ON returns (status, created_at DESC, id DESC)
-- go
CREATE INDEX IF NOT EXISTS ix_returns_order ON returns (order_id)
