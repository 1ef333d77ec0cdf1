-- Read model: one row per order, kept up to date by the order grains (newest version wins).
CREATE TABLE IF NOT EXISTS orders (
    id                TEXT    NOT NULL PRIMARY KEY,
    version           INTEGER NOT NULL,
    platform          TEXT    NOT NULL,
    account_id        TEXT    NOT NULL,
    platform_order_id TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    workflow_status   TEXT    NOT NULL,
    sync_status       TEXT    NOT NULL,
    customer_name     TEXT    NOT NULL,
    customer_email    TEXT    NULL,
    customer_phone    TEXT    NULL,
    currency          TEXT    NOT NULL,
    grand_total       TEXT    NOT NULL,
    item_count        INTEGER NOT NULL,
    order_date        TEXT    NOT NULL,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
)
-- go
CREATE UNIQUE INDEX IF NOT EXISTS ux_orders_platform_order ON orders (platform, account_id, platform_order_id)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_date ON orders (order_date DESC, id DESC)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_platform_status_date ON orders (platform, status, order_date DESC, id DESC)
