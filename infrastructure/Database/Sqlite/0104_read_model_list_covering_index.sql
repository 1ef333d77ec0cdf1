-- The list most screens open (platform + status + date range, newest first) is answered from one index alone:
-- it also carries every column a list row shows, so no row is looked up by rowid. It replaces the narrower index
-- with the same prefix.
CREATE INDEX IF NOT EXISTS ix_orders_platform_status_date_list ON orders (
    platform, status, order_date DESC, id DESC,
    account_id, platform_order_id, workflow_status, sync_status, customer_name, currency, grand_total, item_count, updated_at)
-- go
DROP INDEX IF EXISTS ix_orders_platform_status_date
