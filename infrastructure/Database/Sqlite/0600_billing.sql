-- Returns, billing and POS (range 0600-0699).

-- Invoice read model: one row per invoice, newest version wins.
CREATE TABLE IF NOT EXISTS invoices (
    id                TEXT    NOT NULL PRIMARY KEY,
    version           INTEGER NOT NULL,
    series            TEXT    NOT NULL,
    sequence_no       INTEGER NOT NULL,
    number            TEXT    NOT NULL,
    order_id          TEXT    NOT NULL,
    store_id          TEXT    NOT NULL,
    customer_name     TEXT    NOT NULL,
    currency          TEXT    NOT NULL,
    gross             TEXT    NOT NULL,
    paid              TEXT    NOT NULL,
    credited          TEXT    NOT NULL,
    balance_due       TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    external_status   TEXT    NOT NULL,
    issued_at         TEXT    NOT NULL
)
-- go
CREATE UNIQUE INDEX IF NOT EXISTS ux_invoices_series_sequence ON invoices (series, sequence_no)
-- go
CREATE INDEX IF NOT EXISTS ix_invoices_order ON invoices (order_id)
-- go
CREATE INDEX IF NOT EXISTS ix_invoices_issued ON invoices (issued_at DESC, id DESC)
-- go
-- Work for people: manual billing after an external billing failure, return approvals.
CREATE TABLE IF NOT EXISTS clerk_tasks (
    kind        TEXT NOT NULL,
    reference   TEXT NOT NULL,
    title       TEXT NOT NULL,
    form_json   TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    closed_at   TEXT NULL,
    resolution  TEXT NULL,
    PRIMARY KEY (kind, reference)
)
-- go
CREATE INDEX IF NOT EXISTS ix_clerk_tasks_status ON clerk_tasks (kind, status, created_at)
-- go
-- Idempotency store: one row per key, route and caller; the first response is replayed for retries.
CREATE TABLE IF NOT EXISTS idempotency_requests (
    caller          TEXT    NOT NULL,
    route           TEXT    NOT NULL,
    idem_key        TEXT    NOT NULL,
    request_hash    TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    status_code     INTEGER NULL,
    response_body   TEXT    NULL,
    location        TEXT    NULL,
    created_at      TEXT    NOT NULL,
    completed_at    TEXT    NULL,
    PRIMARY KEY (caller, route, idem_key)
)
-- go
CREATE INDEX IF NOT EXISTS ix_idempotency_created ON idempotency_requests (created_at)
-- go
-- Stock ledger read model: current level per SKU and location, and every movement with its reason.
CREATE TABLE IF NOT EXISTS stock_levels (
    sku          TEXT    NOT NULL,
    location     TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    on_hand      INTEGER NOT NULL,
    reserved     INTEGER NOT NULL,
    updated_at   TEXT    NOT NULL,
    PRIMARY KEY (sku, location)
)
-- go
CREATE TABLE IF NOT EXISTS stock_movements (
    sku            TEXT    NOT NULL,
    location       TEXT    NOT NULL,
    sequence_no    INTEGER NOT NULL,
    on_hand_delta  INTEGER NOT NULL,
    reserved_delta INTEGER NOT NULL,
    reason         TEXT    NOT NULL,
    reference      TEXT    NULL,
    on_hand_after  INTEGER NOT NULL,
    reserved_after INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    at             TEXT    NOT NULL,
    PRIMARY KEY (sku, location, sequence_no)
)
