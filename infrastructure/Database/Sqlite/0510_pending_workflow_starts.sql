-- Orders holding a workflow start not yet confirmed by the starter: marked by the order projection in the transaction
-- of the order's row, cleared when the starter confirms. The start sweep reads the oldest marks (attempt_at) and
-- activates their orders, so a start recorded by a silo that died is handed over without the order being touched.
CREATE TABLE IF NOT EXISTS pending_workflow_starts (
    order_id      TEXT NOT NULL,
    flow_trigger  TEXT NOT NULL,
    attempt_at    TEXT NOT NULL,
    PRIMARY KEY (order_id, flow_trigger)
)
-- go
CREATE INDEX IF NOT EXISTS ix_pending_workflow_starts_attempt ON pending_workflow_starts (attempt_at)
