-- Orleans grain state. The payload is opaque Orleans-serializer bytes; LONGBLOB so a state may exceed 16 MiB
-- (raise the server's max_allowed_packet above the largest state: the whole write travels in one packet).
-- Rows are clustered by (GrainIdHash, GrainTypeHash), the key every query looks them up by, and told apart by
-- the full identity; Id only makes the primary key unique. The generated IdentityKey is unique over the full
-- identity (a NULL extension differs from an empty one), so two racing first writes of one grain cannot both
-- insert: the loser fails cleanly and Orleans raises InconsistentStateException.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    Id                     BIGINT        NOT NULL AUTO_INCREMENT,
    GrainIdHash            INT           NOT NULL,
    GrainIdN0              BIGINT        NOT NULL,
    GrainIdN1              BIGINT        NOT NULL,
    GrainTypeHash          INT           NOT NULL,
    GrainTypeString        VARCHAR(512)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    GrainIdExtensionString VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
    ServiceId              VARCHAR(150)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    PayloadBinary          LONGBLOB      NULL,
    ModifiedOn             DATETIME(3)   NOT NULL,
    Version                INT           NOT NULL,
    IdentityKey            BINARY(32) AS (UNHEX(SHA2(CONCAT_WS(':',
                               LENGTH(ServiceId), ServiceId,
                               LENGTH(GrainTypeString), GrainTypeString,
                               GrainIdN0, GrainIdN1,
                               IF(GrainIdExtensionString IS NULL, 'n', CONCAT('s', LENGTH(GrainIdExtensionString))),
                               IFNULL(GrainIdExtensionString, '')), 256))) PERSISTENT,
    PRIMARY KEY (GrainIdHash, GrainTypeHash, Id),
    UNIQUE KEY ux_orleans_grain_state_identity (IdentityKey),
    KEY ix_orleans_grain_state_id (Id)
) ENGINE=InnoDB
-- go
-- Writes run under READ COMMITTED: with REPEATABLE READ the gap locks of many grains writing at once deadlock
-- on MariaDB. A first write (no version) is a plain INSERT: no INSERT ... SELECT ... WHERE NOT EXISTS, which
-- makes MariaDB build an on-disk temporary table for every write of a BLOB row.
CREATE OR REPLACE PROCEDURE orleans_grain_state_write(
    IN p_GrainIdHash            INT,
    IN p_GrainIdN0              BIGINT,
    IN p_GrainIdN1              BIGINT,
    IN p_GrainTypeHash          INT,
    IN p_GrainTypeString        VARCHAR(512)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_GrainIdExtensionString VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_ServiceId              VARCHAR(150)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_GrainStateVersion      INT,
    IN p_PayloadBinary          LONGBLOB)
BEGIN
    -- The identity exists already although the caller holds no version: a conflicting first write.
    DECLARE EXIT HANDLER FOR 1062 SELECT NULL AS NewGrainStateVersion;
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    IF p_GrainStateVersion IS NULL THEN
        INSERT INTO orleans_grain_state
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_GrainIdHash, p_GrainIdN0, p_GrainIdN1, p_GrainTypeHash, p_GrainTypeString, p_GrainIdExtensionString, p_ServiceId,
             p_PayloadBinary, UTC_TIMESTAMP(3), 1);
        SELECT 1 AS NewGrainStateVersion;
    ELSE
        UPDATE orleans_grain_state
           SET PayloadBinary = p_PayloadBinary, ModifiedOn = UTC_TIMESTAMP(3), Version = Version + 1
         WHERE GrainIdHash = p_GrainIdHash AND GrainTypeHash = p_GrainTypeHash
           AND GrainIdN0 = p_GrainIdN0 AND GrainIdN1 = p_GrainIdN1
           AND GrainTypeString = p_GrainTypeString
           AND GrainIdExtensionString <=> p_GrainIdExtensionString
           AND ServiceId = p_ServiceId
           AND Version = p_GrainStateVersion;
        SELECT IF(ROW_COUNT() > 0, p_GrainStateVersion + 1, p_GrainStateVersion) AS NewGrainStateVersion;
    END IF;
END
-- go
-- Clear keeps the row (payload NULL) and bumps the version, so a stale writer still conflicts afterwards.
CREATE OR REPLACE PROCEDURE orleans_grain_state_clear(
    IN p_GrainIdHash            INT,
    IN p_GrainIdN0              BIGINT,
    IN p_GrainIdN1              BIGINT,
    IN p_GrainTypeHash          INT,
    IN p_GrainTypeString        VARCHAR(512)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_GrainIdExtensionString VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_ServiceId              VARCHAR(150)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_GrainStateVersion      INT)
BEGIN
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    UPDATE orleans_grain_state
       SET PayloadBinary = NULL, ModifiedOn = UTC_TIMESTAMP(3), Version = Version + 1
     WHERE GrainIdHash = p_GrainIdHash AND GrainTypeHash = p_GrainTypeHash
       AND GrainIdN0 = p_GrainIdN0 AND GrainIdN1 = p_GrainIdN1
       AND GrainTypeString = p_GrainTypeString
       AND GrainIdExtensionString <=> p_GrainIdExtensionString
       AND ServiceId = p_ServiceId
       AND Version = p_GrainStateVersion;
    SELECT IF(ROW_COUNT() > 0, p_GrainStateVersion + 1, p_GrainStateVersion) AS NewGrainStateVersion;
END
-- go
-- Delete (DeleteStateOnClear = true) removes the row; the next write starts again at version 1.
CREATE OR REPLACE PROCEDURE orleans_grain_state_delete(
    IN p_GrainIdHash            INT,
    IN p_GrainIdN0              BIGINT,
    IN p_GrainIdN1              BIGINT,
    IN p_GrainTypeHash          INT,
    IN p_GrainTypeString        VARCHAR(512)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_GrainIdExtensionString VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_ServiceId              VARCHAR(150)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_GrainStateVersion      INT)
BEGIN
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    DELETE FROM orleans_grain_state
     WHERE GrainIdHash = p_GrainIdHash AND GrainTypeHash = p_GrainTypeHash
       AND GrainIdN0 = p_GrainIdN0 AND GrainIdN1 = p_GrainIdN1
       AND GrainTypeString = p_GrainTypeString
       AND GrainIdExtensionString <=> p_GrainIdExtensionString
       AND ServiceId = p_ServiceId
       AND Version = p_GrainStateVersion;
    SELECT IF(ROW_COUNT() > 0, p_GrainStateVersion + 1, p_GrainStateVersion) AS NewGrainStateVersion;
END
-- go
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey',
'SELECT PayloadBinary, Version
FROM orleans_grain_state
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString <=> @GrainIdExtensionString
  AND ServiceId = @ServiceId'),

('WriteToStorageKey',
'CALL orleans_grain_state_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)'),

('ClearStorageKey',
'CALL orleans_grain_state_clear(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion)'),

('DeleteStorageKey',
'CALL orleans_grain_state_delete(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion)')
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText)
