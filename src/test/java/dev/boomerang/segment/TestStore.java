package dev.boomerang.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a store straight into the tables, for segment tests: customers, orders with items, carts with items,
 * attributes, suppressed addresses and RFM scores. {@link #refreshAggregates()} computes the customers' order
 * aggregates from their orders, as ingest keeps them.
 */
final class TestStore {

    static final OffsetDateTime CREATED = OffsetDateTime.parse("2020-01-01T00:00:00Z");

    private final JdbcTemplate jdbc;
    private int orders;
    private int carts;

    TestStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void clear() {
        for (String table : List.of("customer_rfm", "order_item", "orders", "cart_item", "cart", "consent_change",
                "customer_attribute", "suppression", "customer")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    long customer(String externalId) {
        jdbc.update("INSERT INTO customer (external_id, created_at, updated_at) VALUES (?, ?, ?)", externalId, CREATED, CREATED);
        return id(externalId);
    }

    long id(String externalId) {
        return jdbc.queryForObject("SELECT id FROM customer WHERE external_id = ?", Long.class, externalId);
    }

    /** Sets one column of a customer (column names are this test's constants). */
    void set(String externalId, String column, Object value) {
        jdbc.update("UPDATE customer SET " + column + " = ? WHERE external_id = ?", value, externalId);
    }

    void birthday(String externalId, LocalDate birthday) {
        set(externalId, "birthday", birthday);
    }

    /** An order and its items, each item given as {@code category:sku}. */
    void order(String customer, Instant placedAt, String total, String... items) {
        String externalId = "O" + (++orders);
        jdbc.update("INSERT INTO orders (external_id, customer_id, placed_at, total, currency, created_at) VALUES (?, ?, ?, ?, 'USD', ?)",
                externalId, id(customer), utc(placedAt), new BigDecimal(total), CREATED);
        long orderId = jdbc.queryForObject("SELECT id FROM orders WHERE external_id = ?", Long.class, externalId);
        for (String item : items) {
            String[] parts = item.split(":");
            jdbc.update("INSERT INTO order_item (order_id, sku, category, quantity, price) VALUES (?, ?, ?, 1, 1)", orderId,
                    parts[1], parts[0]);
        }
    }

    /** A cart and its items, each item given as {@code category:sku}. */
    void cart(String customer, String status, Instant updatedAt, String total, String... items) {
        String externalId = "K" + (++carts);
        jdbc.update("INSERT INTO cart (external_id, customer_id, status, total, currency, updated_at, created_at) VALUES (?, ?, ?, ?, 'USD', ?, ?)",
                externalId, id(customer), status, new BigDecimal(total), utc(updatedAt), CREATED);
        long cartId = jdbc.queryForObject("SELECT id FROM cart WHERE external_id = ?", Long.class, externalId);
        for (String item : items) {
            String[] parts = item.split(":");
            jdbc.update("INSERT INTO cart_item (cart_id, sku, category, quantity, price) VALUES (?, ?, ?, 1, 1)", cartId, parts[1], parts[0]);
        }
    }

    void attribute(String customer, String name, String value) {
        jdbc.update("INSERT INTO customer_attribute (customer_id, name, attr_value) VALUES (?, ?, ?)", id(customer), name, value);
    }

    void suppress(String channel, String address) {
        jdbc.update("INSERT INTO suppression (channel, address, reason, source, created_at) VALUES (?, ?, 'manual', 'test', ?)",
                channel, address, CREATED);
    }

    void rfm(String customer, int r, int f, int m) {
        jdbc.update("INSERT INTO customer_rfm (customer_id, recency, frequency, monetary, scored_at) VALUES (?, ?, ?, ?, ?)",
                id(customer), r, f, m, CREATED);
    }

    /** The order aggregates of every customer, from their orders. */
    void refreshAggregates() {
        jdbc.update("""
                UPDATE customer SET
                    order_count = (SELECT COUNT(*) FROM orders o WHERE o.customer_id = customer.id),
                    total_spent = COALESCE((SELECT SUM(o.total) FROM orders o WHERE o.customer_id = customer.id), 0),
                    first_order_at = (SELECT MIN(o.placed_at) FROM orders o WHERE o.customer_id = customer.id),
                    last_order_at = (SELECT MAX(o.placed_at) FROM orders o WHERE o.customer_id = customer.id)
                """);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
