-- Orleans grain state of the embedded node. One row per (service, state name, grain id); `version` is the ETag:
-- the first write inserts version 1, every later write or clear must present the current version and bumps it.
-- A cleared state keeps its row with a NULL payload so its version keeps counting up.
-- A plain rowid table (not WITHOUT ROWID), because payloads can be many megabytes.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id  TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    grain_id    TEXT    NOT NULL,
    payload     BLOB    NULL,
    version     INTEGER NOT NULL,
    modified_at TEXT    NOT NULL,
    PRIMARY KEY (service_id, state_name, grain_id)
)
