-- Superseded by pending_order_handovers (0520), which took over its marks.
DROP TABLE IF EXISTS pending_workflow_starts
