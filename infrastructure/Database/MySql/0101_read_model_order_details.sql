-- Read model, part 2: what lists, search, duplicates and statistics need. MariaDB syntax (IF NOT EXISTS on
-- columns and indexes), every statement idempotent because MySQL DDL commits on its own.
ALTER TABLE orders
    ADD COLUMN IF NOT EXISTS phone_key        VARCHAR(16)  CHARACTER SET ascii NULL,
    ADD COLUMN IF NOT EXISTS email_key        VARCHAR(254) NULL,
    ADD COLUMN IF NOT EXISTS item_signature   CHAR(20)     CHARACTER SET ascii NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS primary_order_id CHAR(36)     CHARACTER SET ascii NULL,
    ADD COLUMN IF NOT EXISTS history_count    INT          NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS items_hash       CHAR(16)     CHARACTER SET ascii NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS search_hash      CHAR(16)     CHARACTER SET ascii NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS duplicates_hash  CHAR(16)     CHARACTER SET ascii NOT NULL DEFAULT ''
-- go
CREATE INDEX IF NOT EXISTS ix_orders_platform_date ON orders (platform, order_date, id)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_status_date ON orders (status, order_date, id)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_workflow_date ON orders (workflow_status, order_date, id)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_account_date ON orders (account_id, order_date, id)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_total ON orders (grand_total, id)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_updated ON orders (updated_at, id)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_phone_key ON orders (phone_key, order_date)
-- go
CREATE INDEX IF NOT EXISTS ix_orders_email_key ON orders (email_key, order_date)
-- go
CREATE TABLE IF NOT EXISTS order_items (
    order_id    CHAR(36)      CHARACTER SET ascii NOT NULL,
    line_no     INT           NOT NULL,
    sku         VARCHAR(128)  NOT NULL,
    name        VARCHAR(300)  NOT NULL,
    variant     VARCHAR(200)  NULL,
    quantity    INT           NOT NULL,
    unit_price  DECIMAL(19,4) NOT NULL,
    discount    DECIMAL(19,4) NOT NULL,
    line_total  DECIMAL(19,4) NOT NULL,
    PRIMARY KEY (order_id, line_no),
    KEY ix_order_items_sku (sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
CREATE TABLE IF NOT EXISTS order_status_history (
    order_id     CHAR(36)     CHARACTER SET ascii NOT NULL,
    seq          INT          NOT NULL,
    kind         VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    from_state   VARCHAR(16)  CHARACTER SET ascii NULL,
    to_state     VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    actor_kind   VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    actor_id     VARCHAR(200) NOT NULL,
    actor_name   VARCHAR(200) NULL,
    reason       VARCHAR(1000) NULL,
    at           DATETIME(3)  NOT NULL,
    operation_id VARCHAR(250) NULL,
    PRIMARY KEY (order_id, seq),
    KEY ix_order_status_history_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
CREATE TABLE IF NOT EXISTS order_duplicate_candidates (
    order_id         CHAR(36)     CHARACTER SET ascii NOT NULL,
    other_order_id   CHAR(36)     CHARACTER SET ascii NOT NULL,
    score            DOUBLE       NOT NULL,
    reasons          VARCHAR(500) NOT NULL,
    decision         VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    primary_order_id CHAR(36)     CHARACTER SET ascii NULL,
    detected_at      DATETIME(3)  NOT NULL,
    decided_at       DATETIME(3)  NULL,
    decided_by       VARCHAR(200) NULL,
    PRIMARY KEY (order_id, other_order_id),
    KEY ix_order_duplicate_candidates_open (decision, detected_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
-- Free text: normalized terms (lower case, letters and digits only) of order ids, customer and SKUs, searched by
-- prefix range on the primary key instead of scanning with LIKE '%x%'. Binary collation keeps ranges exact.
CREATE TABLE IF NOT EXISTS order_search_terms (
    term       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    order_id   CHAR(36)    CHARACTER SET ascii NOT NULL,
    PRIMARY KEY (term, order_id),
    KEY ix_order_search_terms_order (order_id)
) ENGINE=InnoDB
-- go
-- Statistics: counts and revenue per hour, platform, status and currency, adjusted by the projection as orders
-- change, so dashboard widgets read a few hundred rows instead of aggregating the orders table.
CREATE TABLE IF NOT EXISTS order_stats_hourly (
    hour        DATETIME      NOT NULL,
    platform    VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    status      VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    currency    CHAR(3)       CHARACTER SET ascii NOT NULL,
    order_count BIGINT        NOT NULL,
    revenue     DECIMAL(22,4) NOT NULL,
    PRIMARY KEY (hour, platform, status, currency)
) ENGINE=InnoDB
