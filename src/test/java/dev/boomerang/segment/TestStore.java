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
    private int messages;

    TestStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void clear() {
        for (String table : List.of("engagement_event", "message", "customer_expected_orders", "customer_prediction", "insight_fit", "customer_rfm", "order_item", "orders", "cart_item", "cart", "consent_change",
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

    /** A ledger message to the customer; {@code sentAt} null for one that was not sent (status SKIPPED). Returns its id. */
    long message(String customer, String campaign, String channel, Instant sentAt) {
        messages++;
        jdbc.update("""
                INSERT INTO message (campaign_id, occurrence, customer_id, step, channel, status, created_at, updated_at, sent_at)
                VALUES (?, ?, ?, 'send', ?, ?, ?, ?, ?)""", campaign, "o" + messages, id(customer), channel,
                sentAt == null ? "SKIPPED" : "SENT", CREATED, CREATED, sentAt == null ? null : utc(sentAt));
        return jdbc.queryForObject("SELECT MAX(id) FROM message", Long.class);
    }

    /** An engagement event (opened, clicked, ...) of the customer at {@code at}, as the event log writes it. */
    void event(String customer, String kind, Instant at) {
        jdbc.update("INSERT INTO engagement_event (kind, customer_id, campaign_id, occurred_at, source) VALUES (?, ?, 'c', ?, 'test')",
                kind, id(customer), utc(at));
    }

    void suppress(String channel, String address) {
        jdbc.update("INSERT INTO suppression (channel, address, reason, source, created_at) VALUES (?, ?, 'manual', 'test', ?)",
                channel, address, CREATED);
    }

    void rfm(String customer, int r, int f, int m) {
        jdbc.update("INSERT INTO customer_rfm (customer_id, recency, frequency, monetary, scored_at) VALUES (?, ?, ?, ?, ?)",
                id(customer), r, f, m, CREATED);
    }

    /**
     * A fit row, as the insight module writes one, with the horizons of its expected orders; the predictions of
     * {@link #prediction} belong to it. Returns its id.
     */
    long fit(LocalDate asOf, Integer... horizonsDays) {
        jdbc.update("""
                INSERT INTO insight_fit (fitted_at, trigger_source, as_of, zone, first_purchase_day, last_purchase_day, customers,
                    repeat_customers, purchase_days, bgnbd_r, bgnbd_alpha, bgnbd_a, bgnbd_b, bgnbd_log_likelihood, bgnbd_groups,
                    gg_customers, horizons_days, clv_months, annual_discount_rate, fit_millis, score_millis)
                VALUES (?, 'api', ?, 'UTC', ?, ?, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, ?, 12, 0.1, 0, 0)""",
                CREATED, asOf, asOf, asOf, String.join(",", java.util.Arrays.stream(horizonsDays).map(String::valueOf).toList()));
        return jdbc.queryForObject("SELECT MAX(id) FROM insight_fit", Long.class);
    }

    /**
     * A customer's prediction under the latest fit: P(alive), the CLV and its rank and top share (null: no spend
     * model), and expected orders as horizon, value, horizon, value...
     */
    void prediction(String customer, double pAlive, Double clv, Long clvRank, Double clvTopShare, double... expected) {
        long fit = jdbc.queryForObject("SELECT MAX(id) FROM insight_fit", Long.class);
        jdbc.update("""
                INSERT INTO customer_prediction (customer_id, fit_id, frequency, recency_weeks, age_weeks, p_alive, predicted_clv,
                    clv_rank, clv_top_share) VALUES (?, ?, 0, 0, 0, ?, ?, ?, ?)""",
                id(customer), fit, pAlive, clv, clvRank, clvTopShare);
        for (int i = 0; i + 1 < expected.length; i += 2) {
            jdbc.update("INSERT INTO customer_expected_orders (customer_id, horizon_days, expected_orders) VALUES (?, ?, ?)",
                    id(customer), (int) expected[i], expected[i + 1]);
        }
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
