package dev.boomerang.customer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which database holds the store, for the few statements that differ between H2 and PostgreSQL (every module asks
 * here rather than reading the connection metadata itself).
 */
@Component
public class StoreDatabase {

    private final boolean postgres;

    StoreDatabase(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    /**
     * For a transaction that runs the same lookup thousands of times while its table grows: PostgreSQL would
     * otherwise cache a generic plan made while the table was nearly empty (a sequential scan) and keep using
     * it at a million rows.
     */
    public void planEachStatementAfresh(JdbcTemplate jdbc) {
        if (postgres) {
            jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }

    /**
     * For a transaction of set-based statements over millions of staged rows: room for hash joins and
     * aggregates in memory instead of spilling to disk. Only the statements that need it take it.
     */
    public void allowLargeSorts(JdbcTemplate jdbc) {
        if (postgres) {
            jdbc.execute("SET LOCAL work_mem = '256MB'");
        }
    }

    /**
     * A table that lives until the end of the current transaction, visible to this connection only, and
     * emptied if this transaction made it before. {@code h2Keys} are column lists H2 needs an index on to
     * join the table in reasonable time; they are declared inside CREATE TABLE (as unique keys ending in a
     * unique column) because H2's CREATE INDEX would commit the open transaction. PostgreSQL hashes instead.
     */
    public void createTransactionTable(JdbcTemplate jdbc, String name, String columns, String... h2Keys) {
        if (postgres) {
            jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + name + " (" + columns + ") ON COMMIT DROP");
        }
        else {
            StringBuilder keys = new StringBuilder();
            for (String key : h2Keys) {
                keys.append(", UNIQUE (").append(key).append(')');
            }
            jdbc.execute("CREATE LOCAL TEMPORARY TABLE IF NOT EXISTS " + name + " (" + columns + keys
                    + ") ON COMMIT DROP TRANSACTIONAL");
        }
        jdbc.update("DELETE FROM " + name);
    }
}
