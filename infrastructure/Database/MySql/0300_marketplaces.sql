-- Marketplaces: the account list with sync health (read model of the account grains), the durable webhook inbox,
-- and the Data Protection key ring shared by every process that decrypts platform credentials.
CREATE TABLE IF NOT EXISTS platform_accounts (
    id                    CHAR(36)      CHARACTER SET ascii NOT NULL,
    platform              VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    name                  VARCHAR(200)  NOT NULL,
    shop_id               VARCHAR(128)  NOT NULL,
    sync_status           VARCHAR(32)   CHARACTER SET ascii NOT NULL,
    active                TINYINT(1)    NOT NULL,
    is_demo               TINYINT(1)    NOT NULL,
    sync_interval_seconds INT           NOT NULL,
    last_sync_at          DATETIME(3)   NULL,
    watermark             DATETIME(3)   NULL,
    last_error            VARCHAR(2000) NULL,
    orders_upserted       BIGINT        NOT NULL,
    created_at            DATETIME(3)   NOT NULL,
    updated_at            DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_platform_accounts_platform_name (platform, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
CREATE TABLE IF NOT EXISTS webhook_inbox (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    platform          VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    account_id        CHAR(36)      CHARACTER SET ascii NOT NULL,
    event_id          VARCHAR(255)  NOT NULL,
    platform_order_id VARCHAR(128)  NULL,
    body              LONGBLOB      NOT NULL,
    headers           TEXT          NOT NULL,
    callback_url      VARCHAR(1000) NOT NULL,
    received_at       DATETIME(3)   NOT NULL,
    processed_at      DATETIME(3)   NULL,
    attempts          INT           NOT NULL DEFAULT 0,
    next_attempt_at   DATETIME(3)   NOT NULL,
    lease_until       DATETIME(3)   NULL,
    last_error        VARCHAR(2000) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_webhook_inbox_event (platform, account_id, event_id),
    KEY ix_webhook_inbox_due (processed_at, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
