-- Workflows read model: instances per order, and tasks (the inbox is queried from here).
CREATE TABLE IF NOT EXISTS workflow_instances (
    instance_key  TEXT    NOT NULL PRIMARY KEY,
    order_id      TEXT    NOT NULL,
    flow_id       TEXT    NOT NULL,
    flow_version  INTEGER NOT NULL,
    status        TEXT    NOT NULL,
    current_step  TEXT    NULL,
    revision      INTEGER NOT NULL,
    started_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
)
-- go
CREATE INDEX IF NOT EXISTS ix_workflow_instances_order ON workflow_instances (order_id)
-- go
CREATE TABLE IF NOT EXISTS workflow_tasks (
    id              TEXT    NOT NULL PRIMARY KEY,
    instance_key    TEXT    NOT NULL,
    order_id        TEXT    NOT NULL,
    flow_id         TEXT    NOT NULL,
    step_id         TEXT    NOT NULL,
    step_type       TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    is_open         INTEGER NOT NULL,
    role            TEXT    NULL,
    escalation_role TEXT    NULL,
    assignee        TEXT    NULL,
    priority        INTEGER NOT NULL,
    due_at          TEXT    NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL
)
-- go
CREATE INDEX IF NOT EXISTS ix_workflow_tasks_assignee ON workflow_tasks (is_open, assignee, priority DESC, due_at)
-- go
CREATE INDEX IF NOT EXISTS ix_workflow_tasks_role ON workflow_tasks (is_open, role, assignee, priority DESC)
-- go
CREATE INDEX IF NOT EXISTS ix_workflow_tasks_escalation ON workflow_tasks (is_open, escalation_role, assignee, priority DESC)
-- go
CREATE INDEX IF NOT EXISTS ix_workflow_tasks_instance ON workflow_tasks (instance_key)
