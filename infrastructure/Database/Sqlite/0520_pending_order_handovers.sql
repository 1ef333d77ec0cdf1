-- Orders holding a hand-over not yet confirmed by its receiver (a workflow start, a decision made outside the workflow,
-- a marketplace write-back): one mark per order, written by the order projection in the transaction of the order's row
-- with the order version it was written at. The order deletes its mark up to the version at which its receivers had
-- confirmed everything; the hand-over sweep reads the oldest marks (attempt_at) and resumes their orders, so what a
-- silo that died had recorded is handed over without the order being touched. Replaces pending_workflow_starts (0510).
CREATE TABLE IF NOT EXISTS pending_order_handovers (
    order_id       TEXT    NOT NULL PRIMARY KEY,
    order_version  INTEGER NOT NULL,
    attempt_at     TEXT    NOT NULL
)
-- go
CREATE INDEX IF NOT EXISTS ix_pending_order_handovers_attempt ON pending_order_handovers (attempt_at)
-- go
-- The unconfirmed starts marked before this table existed, at version 0: the next confirmation or sweep settles them.
INSERT OR IGNORE INTO pending_order_handovers (order_id, order_version, attempt_at)
SELECT order_id, 0, MIN(attempt_at) FROM pending_workflow_starts GROUP BY order_id
