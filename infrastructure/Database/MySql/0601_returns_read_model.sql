-- Returns read model (range 0600-0699): one row per return, the newest grain version wins.
CREATE TABLE IF NOT EXISTS returns (
    id              CHAR(36)      CHARACTER SET ascii NOT NULL,
    version         BIGINT        NOT NULL,
    rma_number      VARCHAR(32)   CHARACTER SET ascii NOT NULL,
    order_id        CHAR(36)      CHARACTER SET ascii NOT NULL,
    status          VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    channel         VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    source          VARCHAR(32)   CHARACTER SET ascii NOT NULL,
    customer_name   VARCHAR(200)  NOT NULL,
    location        VARCHAR(64)   NOT NULL,
    refund_value    DECIMAL(19,4) NOT NULL,
    currency        CHAR(3)       CHARACTER SET ascii NOT NULL,
    created_at      DATETIME(3)   NOT NULL,
    updated_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_returns_rma (rma_number),
    KEY ix_returns_created (created_at, id),
    KEY ix_returns_status_created (status, created_at, id),
    KEY ix_returns_order (order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
