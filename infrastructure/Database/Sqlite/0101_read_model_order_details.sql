-- Read model, part 2: what lists, search, duplicates and statistics need.
ALTER TABLE orders ADD COLUMN phone_key TEXT NULL
-- go
ALTER TABLE orders ADD COLUMN email_key TEXT NULL
-- go
ALTER TABLE orders ADD COLUMN item_signature TEXT NOT NULL DEFAULT ''
-- go
ALTER TABLE orders ADD COLUMN primary_order_id TEXT NULL
-- go
ALTER TABLE orders ADD COLUMN history_count INTEGER NOT NULL DEFAULT 0
-- go
ALTER TABLE orders ADD COLUMN items_hash TEXT NOT NULL DEFAULT ''
-- go
ALTER TABLE orders ADD COLUMN search_hash TEXT NOT NULL DEFAULT ''
-- go
ALTER TABLE orders ADD COLUMN duplicates_hash TEXT NOT NULL DEFAULT ''
-- go
CREATE INDEX IF NOT EXISTS ix_orders_platform_date ON orders (platform, order_date DESC, id DESC)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_status_date ON orders (status, order_date DESC, id DESC)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_workflow_date ON orders (workflow_status, order_date DESC, id DESC)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_account_date ON orders (account_id, order_date DESC, id DESC)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_updated ON orders (updated_at DESC, id DESC)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_phone_key ON orders (phone_key, order_date)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_email_key ON orders (email_key, order_date)
-- go
CREATE TABLE IF NOT EXISTS order_items (
    order_id    TEXT    NOT NULL,
    line_no     INTEGER NOT NULL,
    sku         TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    variant     TEXT    NULL,
    quantity    INTEGER NOT NULL,
    unit_price  TEXT    NOT NULL,
    discount    TEXT    NOT NULL,
    line_total  TEXT    NOT NULL,
    PRIMARY KEY (order_id, line_no)
)
-- go
CREATE INDEX IF NOT EXISTS ix_order_items_sku ON order_items (sku)
-- go
CREATE TABLE IF NOT EXISTS order_status_history (
    order_id     TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    from_state   TEXT    NULL,
    to_state     TEXT    NOT NULL,
    actor_kind   TEXT    NOT NULL,
    actor_id     TEXT    NOT NULL,
    actor_name   TEXT    NULL,
    reason       TEXT    NULL,
    at           TEXT    NOT NULL,
    operation_id TEXT    NULL,
    PRIMARY KEY (order_id, seq)
)
-- go
CREATE INDEX IF NOT EXISTS ix_order_status_history_at ON order_status_history (at)
-- go
CREATE TABLE IF NOT EXISTS order_duplicate_candidates (
    order_id         TEXT NOT NULL,
    other_order_id   TEXT NOT NULL,
    score            REAL NOT NULL,
    reasons          TEXT NOT NULL,
    decision         TEXT NOT NULL,
    primary_order_id TEXT NULL,
    detected_at      TEXT NOT NULL,
    decided_at       TEXT NULL,
    decided_by       TEXT NULL,
    PRIMARY KEY (order_id, other_order_id)
)
-- go
CREATE INDEX IF NOT EXISTS ix_order_duplicate_candidates_open ON order_duplicate_candidates (decision, detected_at)
-- go
CREATE TABLE IF NOT EXISTS order_search_terms (
    term     TEXT NOT NULL,
    order_id TEXT NOT NULL,
    PRIMARY KEY (term, order_id)
) WITHOUT ROWID
-- go
CREATE INDEX IF NOT EXISTS ix_order_search_terms_order ON order_search_terms (order_id)
-- go
CREATE TABLE IF NOT EXISTS order_stats_hourly (
    hour        TEXT    NOT NULL,
    platform    TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    currency    TEXT    NOT NULL,
    order_count INTEGER NOT NULL,
    revenue     TEXT    NOT NULL,
    PRIMARY KEY (hour, platform, status, currency)
)
