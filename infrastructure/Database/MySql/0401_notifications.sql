-- Per-user notification choices; permissions is the user's permission list (space separated) when saved.
CREATE TABLE IF NOT EXISTS notification_preferences (
    user_id        VARCHAR(128)  NOT NULL,
    new_orders     TINYINT(1)    NOT NULL,
    assigned_tasks TINYINT(1)    NOT NULL,
    sync_failures  TINYINT(1)    NOT NULL,
    returns        TINYINT(1)    NOT NULL,
    in_app         TINYINT(1)    NOT NULL,
    email          TINYINT(1)    NOT NULL,
    email_address  VARCHAR(254)  NULL,
    permissions    VARCHAR(2000) NOT NULL,
    updated_at     DATETIME(3)   NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
CREATE TABLE IF NOT EXISTS notifications (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    user_id             VARCHAR(128)  NOT NULL,
    position            BIGINT        NOT NULL,
    event_id            CHAR(36)      CHARACTER SET ascii NOT NULL,
    type                VARCHAR(64)   CHARACTER SET ascii NOT NULL,
    required_permission VARCHAR(64)   CHARACTER SET ascii NOT NULL,
    payload             MEDIUMTEXT    NOT NULL,
    created_at          DATETIME(3)   NOT NULL,
    read_at             DATETIME(3)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_notifications_user_position (user_id, position),
    KEY ix_notifications_user_unread (user_id, read_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
-- How far each durable consumer of the event feed has got.
CREATE TABLE IF NOT EXISTS event_consumers (
    name     VARCHAR(64) CHARACTER SET ascii NOT NULL,
    position BIGINT      NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB
-- go
-- The notification dispatcher starts with the feed, so it considers every event from the first.
INSERT IGNORE INTO event_consumers (name, position) VALUES ('notifications', 0)
