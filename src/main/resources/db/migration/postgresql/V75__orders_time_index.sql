-- Segment rules over a recent window of everyone's orders (`spent: {at-least: 150, within: 90d}`) read that
-- window through this index alone (an index-only scan of the window) instead of scanning every order:
-- bench/segments.sh measured big-spenders-90d at 0.6 to 0.7 s with it and 1.1 to 1.3 s without, on 10M orders.
-- A fifth index costs a bulk import its maintenance row by row; a large import therefore builds the orders'
-- secondary indexes again after its merge instead (OrderIngest, BulkIndexes).
CREATE INDEX orders_placed_customer_total_idx ON orders (placed_at) INCLUDE (customer_id, total);
