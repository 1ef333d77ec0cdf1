-- Audit log: security events and every state-changing action, append-only. occurred_at is Unix milliseconds (UTC).
CREATE TABLE IF NOT EXISTS audit_log (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at    BIGINT        NOT NULL,
    actor_kind     VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    actor_id       VARCHAR(200)  NOT NULL,
    actor_name     VARCHAR(200)  NULL,
    action         VARCHAR(100)  CHARACTER SET ascii NOT NULL,
    target         VARCHAR(300)  NULL,
    outcome        VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    remote_address VARCHAR(64)   CHARACTER SET ascii NULL,
    details        VARCHAR(4000) NULL,
    PRIMARY KEY (id),
    KEY ix_audit_log_time (occurred_at, id),
    KEY ix_audit_log_action (action, occurred_at),
    KEY ix_audit_log_actor (actor_id, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
