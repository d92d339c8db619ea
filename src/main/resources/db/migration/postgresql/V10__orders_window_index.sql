-- Segment rules read a customer's orders in a time window and sum their totals (orders and spend "within").
-- With the total in the index those lookups are answered from the index alone (index-only scans) instead of
-- visiting a table page per order: measured on 10M orders, see BENCHMARKS.md. It replaces the plain index on
-- (customer_id, placed_at), which served the same lookups, so ingest still maintains one index for them.
CREATE INDEX orders_customer_placed_total_idx ON orders (customer_id, placed_at) INCLUDE (total);
DROP INDEX orders_customer_placed_idx;
