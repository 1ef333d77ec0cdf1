-- Free text by day: each search term also carries its order's UTC day, indexed (order_day, term), so a search for
-- common words reads one day's (or a few days') prefix ranges, newest first, and stops when the page is full.
ALTER TABLE order_search_terms ADD COLUMN order_day TEXT NOT NULL DEFAULT '1970-01-01'
-- go
UPDATE order_search_terms SET order_day = (SELECT substr(o.order_date, 1, 10) FROM orders o WHERE o.id = order_search_terms.order_id)
WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = order_search_terms.order_id)
-- go
CREATE INDEX IF NOT EXISTS ix_order_search_terms_day ON order_search_terms (order_day, term, order_id)
