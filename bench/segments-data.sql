-- The store of bench/segments.sh, generated inside PostgreSQL: :customers customers, :orders orders over the two
-- years before 2026-01-01 (the same co-prime strides as bench/import-orders.sh: customer, day, minute and amount),
-- a cart for every fourth customer idle from minutes to three days, consent, and 1% of emails suppressed. The
-- customers' order aggregates are computed from the orders, as ingest keeps them. Deterministic.
\set ON_ERROR_STOP on
TRUNCATE customer_rfm, order_item, orders, cart_item, cart, consent_change, customer_attribute, suppression, customer;

INSERT INTO customer (id, external_id, email, email_consent, created_at, updated_at)
SELECT i, 'C' || lpad(i::text, 7, '0'),
       CASE WHEN i % 10 <> 0 THEN 'c' || i || '@example.com' END,
       CASE WHEN i % 10 < 7 THEN TRUE WHEN i % 10 < 9 THEN FALSE END,
       TIMESTAMPTZ '2023-12-01 00:00:00+00', TIMESTAMPTZ '2023-12-01 00:00:00+00'
FROM generate_series(1, :customers) AS i;
SELECT setval(pg_get_serial_sequence('customer', 'id'), :customers);

INSERT INTO orders (external_id, customer_id, placed_at, total, currency, created_at)
SELECT 'O' || lpad(i::text, 9, '0'), (i * 7919::bigint) % :customers + 1,
       TIMESTAMPTZ '2024-01-01 00:00:00+00' + ((i * 37) % 730) * INTERVAL '1 day' + ((i * 113) % 1440) * INTERVAL '1 minute',
       ((i * 13) % 300) + (i % 100) / 100.0, 'USD', TIMESTAMPTZ '2026-01-01 00:00:00+00'
FROM generate_series(1, :orders::bigint) AS i;

UPDATE customer c SET order_count = a.n, total_spent = a.spent, first_order_at = a.first_at, last_order_at = a.last_at
FROM (SELECT customer_id, COUNT(*) AS n, SUM(total) AS spent, MIN(placed_at) AS first_at, MAX(placed_at) AS last_at
      FROM orders GROUP BY customer_id) a
WHERE c.id = a.customer_id;

INSERT INTO cart (external_id, customer_id, status, total, currency, updated_at, created_at)
SELECT 'K' || lpad(j::text, 7, '0'), (j * 4 - 3) % :customers + 1,
       CASE WHEN j % 10 < 6 THEN 'open' WHEN j % 10 < 8 THEN 'abandoned' WHEN j % 10 < 9 THEN 'converted' ELSE 'emptied' END,
       (j * 17) % 80 + 0.99, 'USD',
       TIMESTAMPTZ '2026-01-01 00:00:00+00' - ((j * 97) % 4320) * INTERVAL '1 minute', TIMESTAMPTZ '2025-12-28 00:00:00+00'
FROM generate_series(1, :customers / 4) AS j;

INSERT INTO suppression (channel, address, reason, source, created_at)
SELECT 'email', 'c' || i || '@example.com', 'bounced', 'bench', TIMESTAMPTZ '2025-06-01 00:00:00+00'
FROM generate_series(1, :customers) AS i WHERE i % 100 = 7;

VACUUM ANALYZE;
