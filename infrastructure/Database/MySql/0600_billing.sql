-- Returns, billing and POS (range 0600-0699).

-- Invoice read model: one row per invoice, newest version wins.
CREATE TABLE IF NOT EXISTS invoices (
    id                CHAR(36)      CHARACTER SET ascii NOT NULL,
    version           BIGINT        NOT NULL,
    series            VARCHAR(64)   CHARACTER SET ascii NOT NULL,
    sequence_no       BIGINT        NOT NULL,
    number            VARCHAR(96)   CHARACTER SET ascii NOT NULL,
    order_id          CHAR(36)      CHARACTER SET ascii NOT NULL,
    store_id          VARCHAR(64)   NOT NULL,
    customer_name     VARCHAR(200)  NOT NULL,
    currency          CHAR(3)       CHARACTER SET ascii NOT NULL,
    gross             DECIMAL(19,4) NOT NULL,
    paid              DECIMAL(19,4) NOT NULL,
    credited          DECIMAL(19,4) NOT NULL,
    balance_due       DECIMAL(19,4) NOT NULL,
    status            VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    external_status   VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    issued_at         DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_invoices_series_sequence (series, sequence_no),
    KEY ix_invoices_order (order_id),
    KEY ix_invoices_issued (issued_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
-- Work for people: manual billing after an external billing failure, return approvals.
CREATE TABLE IF NOT EXISTS clerk_tasks (
    kind        VARCHAR(32)   CHARACTER SET ascii NOT NULL,
    reference   VARCHAR(64)   CHARACTER SET ascii NOT NULL,
    title       VARCHAR(400)  NOT NULL,
    form_json   MEDIUMTEXT    NOT NULL,
    status      VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    closed_at   DATETIME(3)   NULL,
    resolution  VARCHAR(400)  NULL,
    PRIMARY KEY (kind, reference),
    KEY ix_clerk_tasks_status (kind, status, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
-- Idempotency store: one row per key, route and caller; the first response is replayed for retries.
CREATE TABLE IF NOT EXISTS idempotency_requests (
    caller          VARCHAR(128)  CHARACTER SET ascii NOT NULL,
    route           VARCHAR(200)  CHARACTER SET ascii NOT NULL,
    idem_key        VARCHAR(200)  CHARACTER SET ascii NOT NULL,
    request_hash    CHAR(64)      CHARACTER SET ascii NOT NULL,
    state           VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    status_code     INT           NULL,
    response_body   MEDIUMTEXT    NULL,
    location        VARCHAR(400)  NULL,
    created_at      DATETIME(3)   NOT NULL,
    completed_at    DATETIME(3)   NULL,
    PRIMARY KEY (caller, route, idem_key),
    KEY ix_idempotency_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
-- Stock ledger read model: current level per SKU and location, and every movement with its reason.
CREATE TABLE IF NOT EXISTS stock_levels (
    sku          VARCHAR(128)  NOT NULL,
    location     VARCHAR(64)   NOT NULL,
    version      BIGINT        NOT NULL,
    on_hand      INT           NOT NULL,
    reserved     INT           NOT NULL,
    updated_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (sku, location)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
CREATE TABLE IF NOT EXISTS stock_movements (
    sku            VARCHAR(128)  NOT NULL,
    location       VARCHAR(64)   NOT NULL,
    sequence_no    BIGINT        NOT NULL,
    on_hand_delta  INT           NOT NULL,
    reserved_delta INT           NOT NULL,
    reason         VARCHAR(32)   CHARACTER SET ascii NOT NULL,
    reference      VARCHAR(128)  NULL,
    on_hand_after  INT           NOT NULL,
    reserved_after INT           NOT NULL,
    actor          VARCHAR(200)  NOT NULL,
    at             DATETIME(3)   NOT NULL,
    PRIMARY KEY (sku, location, sequence_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
