-- Read model: one row per order, kept up to date by the order grains (newest version wins).
CREATE TABLE IF NOT EXISTS orders (
    id                CHAR(36)      CHARACTER SET ascii NOT NULL,
    version           BIGINT        NOT NULL,
    platform          VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    account_id        VARCHAR(64)   NOT NULL,
    platform_order_id VARCHAR(128)  NOT NULL,
    status            VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    workflow_status   VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    sync_status       VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    customer_name     VARCHAR(200)  NOT NULL,
    customer_email    VARCHAR(254)  NULL,
    customer_phone    VARCHAR(32)   NULL,
    currency          CHAR(3)       CHARACTER SET ascii NOT NULL,
    grand_total       DECIMAL(19,4) NOT NULL,
    item_count        INT           NOT NULL,
    order_date        DATETIME(3)   NOT NULL,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_orders_platform_order (platform, account_id, platform_order_id),
    KEY ix_orders_date (order_date, id),
    KEY ix_orders_platform_status_date (platform, status, order_date, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
