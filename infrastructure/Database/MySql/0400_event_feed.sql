-- The global event feed. Positions are handed out from event_feed_head inside the appending transaction
-- (the head row is locked), so a position is never visible before every smaller one is committed.
CREATE TABLE IF NOT EXISTS event_log (
    position            BIGINT        NOT NULL,
    event_id            CHAR(36)      CHARACTER SET ascii NOT NULL,
    type                VARCHAR(64)   CHARACTER SET ascii NOT NULL,
    occurred_at         DATETIME(3)   NOT NULL,
    recorded_at         DATETIME(3)   NOT NULL,
    required_permission VARCHAR(64)   CHARACTER SET ascii NOT NULL,
    platform            VARCHAR(16)   CHARACTER SET ascii NULL,
    order_id            CHAR(36)      CHARACTER SET ascii NULL,
    assignee_user_id    VARCHAR(128)  NULL,
    role                VARCHAR(64)   NULL,
    payload             MEDIUMTEXT    NOT NULL,
    PRIMARY KEY (position),
    UNIQUE KEY ux_event_log_event_id (event_id),
    KEY ix_event_log_recorded (recorded_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
CREATE TABLE IF NOT EXISTS event_feed_head (
    id            TINYINT NOT NULL,
    last_position BIGINT  NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB
-- go
INSERT IGNORE INTO event_feed_head (id, last_position) VALUES (1, 0)
