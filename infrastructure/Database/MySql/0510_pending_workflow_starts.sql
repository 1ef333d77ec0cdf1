-- Orders holding a workflow start not yet confirmed by the starter: marked by the order projection in the transaction
-- of the order's row, cleared when the starter confirms. The start sweep reads the oldest marks (attempt_at) and
-- activates their orders, so a start recorded by a silo that died is handed over without the order being touched.
CREATE TABLE IF NOT EXISTS pending_workflow_starts (
    order_id      CHAR(36)     CHARACTER SET ascii NOT NULL,
    flow_trigger  VARCHAR(32)  CHARACTER SET ascii NOT NULL,
    attempt_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (order_id, flow_trigger),
    KEY ix_pending_workflow_starts_attempt (attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
