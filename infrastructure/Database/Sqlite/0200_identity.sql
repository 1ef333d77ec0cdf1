-- Identity: users, roles and their permissions, sessions with rotating refresh tokens, API keys,
-- one-time tokens (password reset), installation secrets and Data Protection keys. Times are Unix milliseconds (UTC).
CREATE TABLE IF NOT EXISTS identity_users (
    id               TEXT    NOT NULL PRIMARY KEY,
    email            TEXT    NOT NULL,
    email_normalized TEXT    NOT NULL,
    display_name     TEXT    NOT NULL,
    password_hash    TEXT    NULL,
    security_stamp   TEXT    NOT NULL,
    disabled_at      INTEGER NULL,
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    lockout_until    INTEGER NULL,
    totp_secret      TEXT    NULL,
    totp_enabled_at  INTEGER NULL,
    totp_last_step   INTEGER NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
)
-- go
CREATE UNIQUE INDEX IF NOT EXISTS ux_identity_users_email ON identity_users (email_normalized)
-- go
CREATE TABLE IF NOT EXISTS identity_roles (
    name        TEXT    NOT NULL PRIMARY KEY,
    description TEXT    NULL,
    built_in    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
)
-- go
CREATE TABLE IF NOT EXISTS identity_role_permissions (
    role_name  TEXT NOT NULL,
    permission TEXT NOT NULL,
    PRIMARY KEY (role_name, permission)
)
-- go
CREATE TABLE IF NOT EXISTS identity_user_roles (
    user_id   TEXT NOT NULL,
    role_name TEXT NOT NULL,
    PRIMARY KEY (user_id, role_name)
)
-- go
CREATE INDEX IF NOT EXISTS ix_identity_user_roles_role ON identity_user_roles (role_name)
-- go
CREATE TABLE IF NOT EXISTS identity_sessions (
    id                  TEXT    NOT NULL PRIMARY KEY,
    user_id             TEXT    NOT NULL,
    kind                TEXT    NOT NULL,
    created_at          INTEGER NOT NULL,
    idle_expires_at     INTEGER NOT NULL,
    absolute_expires_at INTEGER NOT NULL,
    revoked_at          INTEGER NULL,
    remote_address      TEXT    NULL
)
-- go
CREATE INDEX IF NOT EXISTS ix_identity_sessions_user ON identity_sessions (user_id)
-- go
CREATE TABLE IF NOT EXISTS identity_refresh_tokens (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    session_id TEXT    NOT NULL,
    issued_at  INTEGER NOT NULL,
    used_at    INTEGER NULL
)
-- go
CREATE INDEX IF NOT EXISTS ix_identity_refresh_tokens_session ON identity_refresh_tokens (session_id)
-- go
CREATE TABLE IF NOT EXISTS identity_api_keys (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    key_prefix  TEXT    NOT NULL,
    key_hash    TEXT    NOT NULL,
    permissions TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER NULL,
    revoked_by  TEXT    NULL
)
-- go
CREATE UNIQUE INDEX IF NOT EXISTS ux_identity_api_keys_hash ON identity_api_keys (key_hash)
-- go
CREATE TABLE IF NOT EXISTS identity_one_time_tokens (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    user_id    TEXT    NOT NULL,
    purpose    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER NULL
)
-- go
CREATE TABLE IF NOT EXISTS installation_secrets (
    name       TEXT    NOT NULL PRIMARY KEY,
    value      TEXT    NOT NULL,
    created_at INTEGER NOT NULL
)
-- go
CREATE TABLE IF NOT EXISTS data_protection_keys (
    name       TEXT    NOT NULL PRIMARY KEY,
    xml        TEXT    NOT NULL,
    created_at INTEGER NOT NULL
)
