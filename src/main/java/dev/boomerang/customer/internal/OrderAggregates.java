package dev.boomerang.customer.internal;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps each customer's order count, total spent and first and last order time exact after a batch of orders
 * (staged in {@link OrderStage}) has been merged, even with other batches committing at the same time.
 */
final class OrderAggregates {

    private final JdbcTemplate jdbc;

    OrderAggregates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * When every staged order was new, the batch's own totals are added to the stored ones. The addition reads
     * the customer row as it is when the row lock is granted, so batches for the same customer that commit
     * concurrently add up instead of overwriting each other; and the orders table is not read at all.
     */
    void addNewOrders(OffsetDateTime now) {
        jdbc.update("""
                MERGE INTO customer c
                USING (SELECT t.id, COUNT(*) AS n, SUM(s.total) AS spent,
                              MIN(s.placed_at) AS first_at, MAX(s.placed_at) AS last_at
                       FROM order_stage s JOIN customer t ON t.external_id = s.customer_external_id
                       GROUP BY t.id) a
                ON (c.id = a.id)
                WHEN MATCHED THEN
                    UPDATE SET order_count = c.order_count + a.n,
                               total_spent = c.total_spent + a.spent,
                               first_order_at = CASE WHEN c.first_order_at IS NULL OR a.first_at < c.first_order_at
                                                     THEN a.first_at ELSE c.first_order_at END,
                               last_order_at = CASE WHEN c.last_order_at IS NULL OR a.last_at > c.last_order_at
                                                    THEN a.last_at ELSE c.last_order_at END,
                               updated_at = ?
                """, now);
    }

    /**
     * When the batch corrected or re-sent stored orders, the totals of every customer it touched are computed
     * again from their orders. The customers are locked first (in id order, so two batches cannot deadlock):
     * the recomputation, a statement of its own, then sees every order committed before the lock was granted.
     */
    void recompute(OffsetDateTime now) {
        jdbc.query("""
                SELECT t.id FROM customer t
                WHERE t.external_id IN (SELECT s.customer_external_id FROM order_stage s)
                ORDER BY t.id FOR UPDATE
                """, rs -> {
        });
        jdbc.update("""
                MERGE INTO customer c
                USING (SELECT o.customer_id, COUNT(*) AS n, SUM(o.total) AS spent,
                              MIN(o.placed_at) AS first_at, MAX(o.placed_at) AS last_at
                       FROM (SELECT DISTINCT t.id FROM customer t
                             JOIN order_stage s ON s.customer_external_id = t.external_id) touched
                       JOIN orders o ON o.customer_id = touched.id
                       GROUP BY o.customer_id) a
                ON (c.id = a.customer_id)
                WHEN MATCHED AND (c.order_count <> a.n OR c.total_spent <> a.spent
                                  OR c.first_order_at IS DISTINCT FROM a.first_at
                                  OR c.last_order_at IS DISTINCT FROM a.last_at) THEN
                    UPDATE SET order_count = a.n, total_spent = a.spent, first_order_at = a.first_at,
                               last_order_at = a.last_at, updated_at = ?
                """, now);
    }
}
