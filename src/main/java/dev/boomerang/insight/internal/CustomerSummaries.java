package dev.boomerang.insight.internal;

import dev.boomerang.insight.internal.model.RepeatStatistics;
import dev.boomerang.insight.internal.model.SpendStatistics;
import java.sql.Date;
import java.time.LocalDate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Boomerang's customer summaries for the models, from the orders table in one pass. A transaction is a purchase
 * day: the orders of one customer on one day (in the configured zone) are one transaction, worth their sum.
 * Per customer with a purchase up to the as-of day:
 * <ul>
 * <li>x = purchase days - 1 (repeat transactions)</li>
 * <li>t_x = days from the first purchase day to the last, T = days from the first purchase day to the as-of day
 * (both divided by 7 for the models, which count in weeks)</li>
 * <li>repeat spend = the value of the purchase days after the first (zbar = repeat spend / x)</li>
 * </ul>
 * The summaries go into a table that lives for the fit's transaction ({@link #TABLE}); the models' sufficient
 * statistics are grouped from it by the database, and the predictions read it back in chunks of customers.
 */
@Component
class CustomerSummaries {

    static final String TABLE = "insight_summary";

    private final JdbcTemplate jdbc;
    private final InsightSql sql;

    CustomerSummaries(JdbcTemplate jdbc, InsightSql sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    /** The data window of a summary. */
    record Window(LocalDate firstPurchaseDay, LocalDate lastPurchaseDay) {
    }

    /** Summarizes every customer's orders up to the end of {@code asOf}; returns how many customers. */
    int summarize(LocalDate asOf) {
        sql.createTransactionTable(jdbc, TABLE, """
                customer_id BIGINT NOT NULL PRIMARY KEY, x INTEGER NOT NULL, first_day DATE NOT NULL,
                last_day DATE NOT NULL, tx_days INTEGER NOT NULL, t_days INTEGER NOT NULL,
                repeat_spend NUMERIC(28, 4) NOT NULL""");
        String day = sql.day("o.placed_at");
        int customers = jdbc.update("""
                INSERT INTO %s (customer_id, x, first_day, last_day, tx_days, t_days, repeat_spend)
                SELECT customer_id, COUNT(*) - 1, MIN(d), MAX(d), %s, %s,
                       SUM(CASE WHEN d > first_d THEN spent ELSE 0 END)
                FROM (SELECT customer_id, d, spent, MIN(d) OVER (PARTITION BY customer_id) AS first_d
                      FROM (SELECT o.customer_id, %s AS d, SUM(o.total) AS spent
                            FROM orders o
                            WHERE o.placed_at < ?
                            GROUP BY o.customer_id, %s) days) w
                GROUP BY customer_id
                """.formatted(TABLE, sql.daysBetween("MIN(d)", "MAX(d)"), sql.daysBetween("MIN(d)", "CAST(? AS DATE)"),
                day, day), Date.valueOf(asOf), sql.endOf(asOf));
        sql.analyze(jdbc, TABLE);
        return customers;
    }

    Window window() {
        return jdbc.queryForObject("SELECT MIN(first_day), MAX(last_day) FROM " + TABLE,
                (rs, n) -> new Window(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)));
    }

    /** The BG/NBD sufficient statistics: customers counted by (x, t_x, T). */
    RepeatStatistics repeatStatistics() {
        RepeatStatistics statistics = new RepeatStatistics();
        jdbc.query("SELECT x, tx_days, t_days, COUNT(*) FROM " + TABLE + " GROUP BY x, tx_days, t_days",
                rs -> {
                    statistics.add(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4));
                });
        return statistics;
    }

    /**
     * The Gamma-Gamma sufficient statistics: customers counted by (x, repeat spend), for x > 0. Customers whose
     * repeat purchases are worth nothing (free orders) are left out: the model's spend is positive by definition.
     */
    SpendStatistics spendStatistics() {
        SpendStatistics statistics = new SpendStatistics();
        jdbc.query("SELECT x, repeat_spend, COUNT(*) FROM " + TABLE + " WHERE x > 0 AND repeat_spend > 0 GROUP BY x, repeat_spend",
                rs -> {
                    statistics.add(rs.getInt(1), rs.getBigDecimal(2).doubleValue(), rs.getLong(3));
                });
        return statistics;
    }
}
