-- The query texts the Orleans ADO.NET providers run, looked up by key. Orleans hard-codes the table name
-- OrleansQuery (case-sensitive on Linux). Clustering, persistence and reminders each add their rows in the
-- migrations that follow; a re-run refreshes the texts (INSERT ... ON DUPLICATE KEY UPDATE).
-- Written for MariaDB 10.6+ (CREATE OR REPLACE PROCEDURE, utf8mb4_nopad_bin).
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    QueryText TEXT        CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (QueryKey)
) ENGINE=InnoDB
