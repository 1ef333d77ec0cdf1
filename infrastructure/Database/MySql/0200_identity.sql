-- Identity: users, roles and their permissions, sessions with rotating refresh tokens, API keys,
-- one-time tokens (password reset), installation secrets and Data Protection keys. Times are Unix milliseconds (UTC).
CREATE TABLE IF NOT EXISTS identity_users (
    id               VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    email            VARCHAR(254) NOT NULL,
    email_normalized VARCHAR(254) NOT NULL,
    display_name     VARCHAR(200) NOT NULL,
    password_hash    VARCHAR(512) CHARACTER SET ascii NULL,
    security_stamp   VARCHAR(64)  CHARACTER SET ascii NOT NULL,
    disabled_at      BIGINT       NULL,
    failed_sign_ins  BIGINT       NOT NULL DEFAULT 0,
    lockout_until    BIGINT       NULL,
    totp_secret      VARCHAR(1024) CHARACTER SET ascii NULL,
    totp_enabled_at  BIGINT       NULL,
    totp_last_step   BIGINT       NULL,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_identity_users_email (email_normalized)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
CREATE TABLE IF NOT EXISTS identity_roles (
    name        VARCHAR(64)  CHARACTER SET ascii NOT NULL,
    description VARCHAR(500) NULL,
    built_in    BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
CREATE TABLE IF NOT EXISTS identity_role_permissions (
    role_name  VARCHAR(64) CHARACTER SET ascii NOT NULL,
    permission VARCHAR(64) CHARACTER SET ascii NOT NULL,
    PRIMARY KEY (role_name, permission)
) ENGINE=InnoDB
-- go
CREATE TABLE IF NOT EXISTS identity_user_roles (
    user_id   VARCHAR(40) CHARACTER SET ascii NOT NULL,
    role_name VARCHAR(64) CHARACTER SET ascii NOT NULL,
    PRIMARY KEY (user_id, role_name),
    KEY ix_identity_user_roles_role (role_name)
) ENGINE=InnoDB
-- go
CREATE TABLE IF NOT EXISTS identity_sessions (
    id                  VARCHAR(40) CHARACTER SET ascii NOT NULL,
    user_id             VARCHAR(40) CHARACTER SET ascii NOT NULL,
    kind                VARCHAR(16) CHARACTER SET ascii NOT NULL,
    created_at          BIGINT      NOT NULL,
    idle_expires_at     BIGINT      NOT NULL,
    absolute_expires_at BIGINT      NOT NULL,
    revoked_at          BIGINT      NULL,
    remote_address      VARCHAR(64) CHARACTER SET ascii NULL,
    PRIMARY KEY (id),
    KEY ix_identity_sessions_user (user_id)
) ENGINE=InnoDB
-- go
CREATE TABLE IF NOT EXISTS identity_refresh_tokens (
    token_hash CHAR(64)    CHARACTER SET ascii NOT NULL,
    session_id VARCHAR(40) CHARACTER SET ascii NOT NULL,
    issued_at  BIGINT      NOT NULL,
    used_at    BIGINT      NULL,
    PRIMARY KEY (token_hash),
    KEY ix_identity_refresh_tokens_session (session_id)
) ENGINE=InnoDB
-- go
CREATE TABLE IF NOT EXISTS identity_api_keys (
    id          VARCHAR(40)   CHARACTER SET ascii NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    key_prefix  VARCHAR(32)   CHARACTER SET ascii NOT NULL,
    key_hash    CHAR(64)      CHARACTER SET ascii NOT NULL,
    permissions VARCHAR(2000) CHARACTER SET ascii NOT NULL,
    created_by  VARCHAR(200)  NOT NULL,
    created_at  BIGINT        NOT NULL,
    revoked_at  BIGINT        NULL,
    revoked_by  VARCHAR(200)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_identity_api_keys_hash (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
CREATE TABLE IF NOT EXISTS identity_one_time_tokens (
    token_hash CHAR(64)    CHARACTER SET ascii NOT NULL,
    user_id    VARCHAR(40) CHARACTER SET ascii NOT NULL,
    purpose    VARCHAR(32) CHARACTER SET ascii NOT NULL,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    used_at    BIGINT      NULL,
    PRIMARY KEY (token_hash)
) ENGINE=InnoDB
-- go
CREATE TABLE IF NOT EXISTS installation_secrets (
    name       VARCHAR(64)   CHARACTER SET ascii NOT NULL,
    value      VARCHAR(4000) CHARACTER SET ascii NOT NULL,
    created_at BIGINT        NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB
-- go
CREATE TABLE IF NOT EXISTS data_protection_keys (
    name       VARCHAR(128) CHARACTER SET ascii NOT NULL,
    xml        MEDIUMTEXT   NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
