-- Task events name every role whose holders may read them (step role and escalation role), as a JSON array.
ALTER TABLE event_log ADD COLUMN roles TEXT NULL
