-- The inbox lease takes the oldest unapplied rows in id order. Through (processed_at, next_attempt_at) it had to walk
-- the primary key from the first row ever received, so every lease read all applied rows still kept: the longer the
-- history, the slower each lease. This index lists the unapplied rows in id order and carries the columns the lease
-- filters on, so a lease reads only the rows it takes (and those other hosts hold), from the index alone. It also
-- serves the clean-up of applied rows by processed_at, which replaces the old index.
CREATE INDEX IF NOT EXISTS ix_webhook_inbox_pending ON webhook_inbox (processed_at, id, next_attempt_at, lease_until)
-- go
DROP INDEX IF EXISTS ix_webhook_inbox_due ON webhook_inbox
