-- Webhook inbox leases taken in batches: the lease owner identifies the rows one lease call took, so a processor
-- reads back exactly the rows it won even when another process leased in the same millisecond.
ALTER TABLE webhook_inbox ADD COLUMN lease_owner TEXT NULL
