-- Orleans reminders. GrainHash is the grain's signed 32-bit ring hash, computed by Orleans; each silo reads
-- the reminders of its ring range, hence the (ServiceId, GrainHash) index. Names and grain ids are
-- case-sensitive (binary NO PAD collation); the key fits InnoDB's 3072-byte index limit (730 utf8mb4 chars).
CREATE TABLE IF NOT EXISTS orleans_reminders (
    ServiceId    VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    GrainId      VARCHAR(480) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    ReminderName VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    StartTime    DATETIME(3)  NOT NULL,
    Period       BIGINT       NOT NULL,
    GrainHash    INT          NOT NULL,
    Version      INT          NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName),
    KEY ix_orleans_reminders_ring (ServiceId, GrainHash)
) ENGINE=InnoDB
-- go
-- Insert or replace a reminder and answer the version this call wrote. The row stays locked from the upsert
-- until the commit, so concurrent upserts of one reminder each see (and answer) their own version.
CREATE OR REPLACE PROCEDURE orleans_reminder_upsert(
    IN p_ServiceId    VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_GrainId      VARCHAR(480) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_ReminderName VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    IN p_StartTime    DATETIME(3),
    IN p_Period       BIGINT,
    IN p_GrainHash    INT)
BEGIN
    DECLARE v_version INT;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    START TRANSACTION;
    INSERT INTO orleans_reminders (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (p_ServiceId, p_GrainId, p_ReminderName, p_StartTime, p_Period, p_GrainHash, 1)
    ON DUPLICATE KEY UPDATE
        StartTime = VALUES(StartTime),
        Period = VALUES(Period),
        GrainHash = VALUES(GrainHash),
        Version = Version + 1;
    SELECT Version INTO v_version
      FROM orleans_reminders
     WHERE ServiceId = p_ServiceId AND GrainId = p_GrainId AND ReminderName = p_ReminderName;
    COMMIT;
    SELECT v_version AS Version;
END
-- go
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey',
'CALL orleans_reminder_upsert(@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash)'),

('ReadReminderRowsKey',
'SELECT GrainId, ReminderName, StartTime, Period, Version
FROM orleans_reminders
WHERE ServiceId = @ServiceId AND GrainId = @GrainId'),

('ReadReminderRowKey',
'SELECT GrainId, ReminderName, StartTime, Period, Version
FROM orleans_reminders
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName'),

-- Ring range (begin, end] when begin < end, compared as signed INT like the hashes Orleans sends.
('ReadRangeRows1Key',
'SELECT GrainId, ReminderName, StartTime, Period, Version
FROM orleans_reminders
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash'),

-- Ring range that wraps around (begin >= end; begin = end is the whole ring).
('ReadRangeRows2Key',
'SELECT GrainId, ReminderName, StartTime, Period, Version
FROM orleans_reminders
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)'),

('DeleteReminderRowKey',
'DELETE FROM orleans_reminders
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version;
SELECT ROW_COUNT() AS Deleted'),

('DeleteReminderRowsKey',
'DELETE FROM orleans_reminders WHERE ServiceId = @ServiceId')
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText)
