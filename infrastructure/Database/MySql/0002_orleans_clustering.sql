-- Orleans clustering (membership) on MariaDB: one version row per deployment (cluster id) and one row per silo.
-- Every membership change checks and bumps the deployment's version in the same statement or transaction,
-- so of two silos acting on the same table version exactly one wins.
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    DeploymentId VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    Version      INT          NOT NULL DEFAULT 0,
    Timestamp    DATETIME(3)  NOT NULL,
    PRIMARY KEY (DeploymentId),
    CONSTRAINT ck_orleans_membership_version_non_negative CHECK (Version >= 0)
) ENGINE=InnoDB
-- go
CREATE TABLE IF NOT EXISTS orleans_membership (
    DeploymentId VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    Address      VARCHAR(45)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    Port         INT          NOT NULL,
    Generation   INT          NOT NULL,
    SiloName     VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    HostName     VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    Status       INT          NOT NULL,
    ProxyPort    INT          NOT NULL DEFAULT 0,
    SuspectTimes TEXT         CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
    StartTime    DATETIME(3)  NOT NULL,
    IAmAliveTime DATETIME(3)  NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT fk_orleans_membership_version FOREIGN KEY (DeploymentId) REFERENCES orleans_membership_version (DeploymentId)
) ENGINE=InnoDB
-- go
-- Creates the version row (version 0) once; silos starting together race here, the losers get 0.
CREATE OR REPLACE PROCEDURE orleans_membership_insert_version(
    IN p_DeploymentId VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin)
BEGIN
    DECLARE v_created INT DEFAULT 1;
    DECLARE CONTINUE HANDLER FOR 1062 SET v_created = 0;
    INSERT INTO orleans_membership_version (DeploymentId, Version, Timestamp)
    VALUES (p_DeploymentId, 0, UTC_TIMESTAMP(3));
    SELECT v_created AS Created;
END
-- go
-- Adds a silo row only if the caller read the current table version, and bumps that version: both or neither.
-- A duplicate silo (same address, port and generation) answers 0 and leaves the version as it was.
CREATE OR REPLACE PROCEDURE orleans_membership_insert_silo(
    IN p_DeploymentId VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_Address      VARCHAR(45)  CHARACTER SET ascii COLLATE ascii_bin,
    IN p_Port         INT,
    IN p_Generation   INT,
    IN p_SiloName     VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_HostName     VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_Status       INT,
    IN p_ProxyPort    INT,
    IN p_StartTime    DATETIME(3),
    IN p_IAmAliveTime DATETIME(3),
    IN p_Version      INT)
BEGIN
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SELECT 0 AS Inserted;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;
    START TRANSACTION;
    UPDATE orleans_membership_version
       SET Version = Version + 1, Timestamp = UTC_TIMESTAMP(3)
     WHERE DeploymentId = p_DeploymentId AND Version = p_Version;
    IF ROW_COUNT() = 0 THEN
        ROLLBACK;
        SELECT 0 AS Inserted;
    ELSE
        INSERT INTO orleans_membership
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime)
        VALUES
            (p_DeploymentId, p_Address, p_Port, p_Generation, p_SiloName, p_HostName, p_Status, p_ProxyPort, NULL, p_StartTime, p_IAmAliveTime);
        COMMIT;
        SELECT 1 AS Inserted;
    END IF;
END
-- go
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey',
'CALL orleans_membership_insert_version(@DeploymentId)'),

('InsertMembershipKey',
'CALL orleans_membership_insert_silo(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)'),

-- One statement: the version check, the version bump and the row change commit together or not at all;
-- a missing silo row matches nothing, so the version stays as it was.
('UpdateMembershipKey',
'UPDATE orleans_membership_version v
JOIN orleans_membership m
  ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
SET v.Version = v.Version + 1,
    v.Timestamp = UTC_TIMESTAMP(3),
    m.Status = @Status,
    m.SuspectTimes = @SuspectTimes,
    m.IAmAliveTime = @IAmAliveTime
WHERE v.DeploymentId = @DeploymentId AND v.Version = @Version;
SELECT ROW_COUNT() > 0 AS Updated'),

('UpdateIAmAlivetimeKey',
'UPDATE orleans_membership
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation'),

-- The version row left-joined to the silo rows, read in one statement: a deployment without silos still
-- answers one row carrying the version (with a NULL StartTime).
('MembershipReadAllKey',
'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId'),

('MembershipReadRowKey',
'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
  ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId'),

('GatewaysQueryKey',
'SELECT Address, ProxyPort, Generation
FROM orleans_membership
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0'),

('DeleteMembershipTableEntriesKey',
'DELETE FROM orleans_membership WHERE DeploymentId = @DeploymentId;
DELETE FROM orleans_membership_version WHERE DeploymentId = @DeploymentId'),

-- Periodic cleanup: only silos that are Dead (6) and both started and last alive before the cutoff.
('CleanupDefunctSiloEntriesKey',
'DELETE FROM orleans_membership
WHERE DeploymentId = @DeploymentId AND Status = 6
  AND StartTime < @IAmAliveTime AND IAmAliveTime < @IAmAliveTime'),

-- Per-candidate cleanup (Orleans 10.4+): delete only if the row is still exactly what the provider read.
('CleanupDefunctSiloEntryKey',
'DELETE FROM orleans_membership
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
  AND Status = 6 AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
  AND IFNULL(SuspectTimes, '''') = IFNULL(@SuspectTimes, '''')')
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText)
