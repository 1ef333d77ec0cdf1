-- Statistics roll-ups kept by the projection beside the hourly cells, in the same transaction: one cell per UTC day
-- (counts and revenue by status, platform and currency) and one per hour and platform (orders per hour).
CREATE TABLE IF NOT EXISTS order_stats_daily (
    day         TEXT    NOT NULL,
    platform    TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    currency    TEXT    NOT NULL,
    order_count INTEGER NOT NULL,
    revenue     TEXT    NOT NULL,
    PRIMARY KEY (day, platform, status, currency)
) WITHOUT ROWID
-- go
CREATE TABLE IF NOT EXISTS order_stats_hour_platform (
    hour        TEXT    NOT NULL,
    platform    TEXT    NOT NULL,
    order_count INTEGER NOT NULL,
    PRIMARY KEY (hour, platform)
) WITHOUT ROWID
-- go
-- Backfill from the hourly cells (hours are 'yyyy-MM-ddTHH:00:00.000Z' text, so the day is the first ten characters).
-- Revenue is exact text; a day's sum of at most 24 cells through REAL, printed to four decimals, gives it back exactly.
INSERT OR REPLACE INTO order_stats_daily (day, platform, status, currency, order_count, revenue)
SELECT substr(hour, 1, 10), platform, status, currency, SUM(order_count), printf('%.4f', SUM(CAST(revenue AS REAL)))
FROM order_stats_hourly GROUP BY substr(hour, 1, 10), platform, status, currency
-- go
INSERT OR REPLACE INTO order_stats_hour_platform (hour, platform, order_count)
SELECT hour, platform, SUM(order_count)
FROM order_stats_hourly GROUP BY hour, platform
