package dev.boomerang.insight.internal;

import dev.boomerang.insight.RfmRun;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rewrites {@code customer_rfm}: recency, frequency and monetary scores from 1 to 5 over the customers with at
 * least one order placed before the end of the as-of day. One set-based statement, in one transaction, so
 * segment rules see either the old scores or the new ones.
 *
 * <p>The values: recency is the day of the last order (later is better), frequency the number of orders,
 * monetary the sum of their totals. The score of a value among n customers is
 * {@code 1 + floor(5 w / n)}, where w is the number of customers whose value is strictly worse: RANK() - 1 in
 * the order worst first. Equal values get equal scores; without ties the scores are exact quintiles (a fifth of
 * the customers each); a value that a big share of customers have in common gets the score of the worst of them
 * (with 60% one-time buyers, they all get frequency 1, and two orders already rank above 60% of customers: 4).
 */
@Component
class RfmScoring {

    private static final long LOCK = 0x7266_6D00L; // "rfm"

    private final JdbcTemplate jdbc;
    private final InsightSql sql;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RfmScoring(JdbcTemplate jdbc, InsightSql sql, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Scores as of the end of {@code asOf} (null: as of now, orders placed so far). */
    RfmRun score(LocalDate asOf) {
        long started = System.nanoTime();
        OffsetDateTime end = asOf == null ? clock.instant().atOffset(ZoneOffset.UTC) : sql.endOf(asOf);
        Integer scored = transactions.execute(status -> {
            sql.lockForRewrite(jdbc, LOCK);
            sql.allowLargeSorts(jdbc);
            jdbc.update("DELETE FROM customer_rfm");
            return jdbc.update("""
                    INSERT INTO customer_rfm (customer_id, recency, frequency, monetary, scored_at)
                    SELECT customer_id,
                           1 + 5 * (RANK() OVER (ORDER BY last_day) - 1) / n,
                           1 + 5 * (RANK() OVER (ORDER BY orders) - 1) / n,
                           1 + 5 * (RANK() OVER (ORDER BY spent) - 1) / n,
                           ?
                    FROM (SELECT o.customer_id, %s AS last_day, COUNT(*) AS orders, SUM(o.total) AS spent,
                                 COUNT(*) OVER () AS n
                          FROM orders o
                          WHERE o.placed_at < ?
                          GROUP BY o.customer_id) c
                    """.formatted(sql.day("MAX(o.placed_at)")), end, end);
        });
        return new RfmRun(end.toInstant(), scored, Duration.ofNanos(System.nanoTime() - started));
    }
}
