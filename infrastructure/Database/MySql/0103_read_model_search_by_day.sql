-- Free text by day: each search term also carries its order's UTC day, indexed (order_day, term), so a search for
-- common words reads one day's (or a few days') prefix ranges, newest first, and stops when the page is full.
ALTER TABLE order_search_terms ADD COLUMN IF NOT EXISTS order_day DATE NOT NULL DEFAULT '1970-01-01'
-- go
UPDATE order_search_terms t JOIN orders o ON o.id = t.order_id SET t.order_day = DATE(o.order_date) WHERE t.order_day <> DATE(o.order_date)
-- go
CREATE INDEX IF NOT EXISTS ix_order_search_terms_day ON order_search_terms (order_day, term)
