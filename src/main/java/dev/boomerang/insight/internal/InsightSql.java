package dev.boomerang.insight.internal;

import dev.boomerang.customer.StoreDatabase;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SQL that differs between H2 and PostgreSQL in the insight module's queries, and the day arithmetic they
 * share: an order's day is its {@code placed_at} read in the configured zone.
 */
@Component
class InsightSql {

    private final boolean postgres;
    private final String zone;
    private final java.time.ZoneId zoneId;

    InsightSql(StoreDatabase database, InsightProperties properties) {
        this.postgres = database.isPostgres();
        this.zoneId = properties.zone();
        // a ZoneId's text is letters, digits, '/', '_', '+', '-' and ':': safe to inline as a literal
        this.zone = properties.zone().getId();
    }

    boolean isPostgres() {
        return postgres;
    }

    /** The day (in the configured zone) of a TIMESTAMP WITH TIME ZONE expression, as a DATE. */
    String day(String timestamp) {
        return "CAST(" + timestamp + " AT TIME ZONE '" + zone + "' AS DATE)";
    }

    /** Whole days from DATE {@code from} to DATE {@code to}. */
    String daysBetween(String from, String to) {
        return postgres ? "(" + to + " - " + from + ")" : "DATEDIFF(DAY, " + from + ", " + to + ")";
    }

    /** The first instant of a day in the configured zone, as a JDBC parameter. */
    OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(zoneId).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The first instant after a day: orders placed before it are "as of" that day. */
    OffsetDateTime endOf(LocalDate day) {
        return startOf(day.plusDays(1));
    }

    /** For the big set-based statements: room to hash and sort in memory instead of spilling to disk. */
    void allowLargeSorts(JdbcTemplate jdbc) {
        if (postgres) {
            jdbc.execute("SET LOCAL work_mem = '256MB'");
        }
    }

    /**
     * A table that lives until the end of the current transaction, visible to this connection only. On H2 the
     * primary key is declared inside CREATE TABLE, because H2's CREATE INDEX would commit the transaction.
     */
    void createTransactionTable(JdbcTemplate jdbc, String name, String columns) {
        if (postgres) {
            jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + name + " (" + columns + ") ON COMMIT DROP");
        }
        else {
            jdbc.execute("CREATE LOCAL TEMPORARY TABLE IF NOT EXISTS " + name + " (" + columns + ") ON COMMIT DROP TRANSACTIONAL");
        }
        jdbc.update("DELETE FROM " + name);
    }

    /** Statistics for the planner after a temporary table is filled (PostgreSQL never analyzes them by itself). */
    void analyze(JdbcTemplate jdbc, String table) {
        if (postgres) {
            jdbc.execute("ANALYZE " + table);
        }
    }

    /** Serializes whole-table rewrites (fits, RFM runs) across nodes for the rest of the transaction. */
    void lockForRewrite(JdbcTemplate jdbc, long key) {
        if (postgres) {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, key);
        }
    }
}
