-- Workflows read model: instances per order, and tasks (the inbox is queried from here).
CREATE TABLE IF NOT EXISTS workflow_instances (
    instance_key  VARCHAR(100)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    order_id      CHAR(36)      CHARACTER SET ascii NOT NULL,
    flow_id       VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    flow_version  INT           NOT NULL,
    status        VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    current_step  VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NULL,
    revision      BIGINT        NOT NULL,
    started_at    DATETIME(3)   NOT NULL,
    updated_at    DATETIME(3)   NOT NULL,
    PRIMARY KEY (instance_key),
    KEY ix_workflow_instances_order (order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
-- go
CREATE TABLE IF NOT EXISTS workflow_tasks (
    id              VARCHAR(110)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    instance_key    VARCHAR(100)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    order_id        CHAR(36)      CHARACTER SET ascii NOT NULL,
    flow_id         VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    step_id         VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    step_type       VARCHAR(24)   CHARACTER SET ascii NOT NULL,
    status          VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    is_open         TINYINT       NOT NULL,
    role            VARCHAR(64)   COLLATE utf8mb4_bin NULL,
    escalation_role VARCHAR(64)   COLLATE utf8mb4_bin NULL,
    assignee        VARCHAR(128)  COLLATE utf8mb4_bin NULL,
    priority        INT           NOT NULL,
    due_at          DATETIME(3)   NULL,
    created_at      DATETIME(3)   NOT NULL,
    updated_at      DATETIME(3)   NOT NULL,
    version         BIGINT        NOT NULL,
    PRIMARY KEY (id),
    KEY ix_workflow_tasks_assignee (is_open, assignee, priority, due_at),
    KEY ix_workflow_tasks_role (is_open, role, assignee, priority),
    KEY ix_workflow_tasks_escalation (is_open, escalation_role, assignee, priority),
    KEY ix_workflow_tasks_instance (instance_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
