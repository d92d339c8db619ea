package dev.boomerang.customer.internal;

import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A table's secondary indexes set aside for a bulk load and built again after it, inside the load's transaction
 * (PostgreSQL only: its DDL is transactional, so a load that fails gets its indexes back with its rollback).
 * <p>
 * Why: PostgreSQL maintains an index entry by entry as rows arrive, and millions of orders in random customer and
 * time order make each entry a random write into a large tree; that was most of a 10M-order import
 * (bench/import-orders.sh). Built afterwards an index is one sort of the whole table, several times cheaper
 * while the load is at least as large as what the table held before. The price: dropping an index locks the table
 * until the load commits, so other readers of it wait; which is why only a load that large does it.
 * <p>
 * Set aside are the indexes no constraint owns (keys and unique constraints stay: the load's own duplicate
 * checks and merge rely on them). Each is created again from its own definition as PostgreSQL reports it, so the
 * migrations stay the one place an index is declared.
 */
final class BulkIndexes {

    /** The definitions of the indexes dropped, to be run again; empty when nothing was dropped. */
    private final List<String> definitions;
    private final JdbcTemplate jdbc;

    private BulkIndexes(JdbcTemplate jdbc, List<String> definitions) {
        this.jdbc = jdbc;
        this.definitions = definitions;
    }

    /**
     * Sets aside {@code table}'s secondary indexes when {@code incoming} rows are at least {@code from} and more
     * than the table holds; otherwise leaves everything as it is. Call it before the transaction touches the table:
     * the lock it may take is then the transaction's first on the table, so two large loads queue for it instead
     * of deadlocking on an upgrade.
     */
    static BulkIndexes setAsideFor(JdbcTemplate jdbc, String table, long incoming, long from) {
        if (from <= 0 || incoming < from) {
            return new BulkIndexes(jdbc, List.of());
        }
        // First PostgreSQL's own estimates, read without locking the table: the running count of live rows (zero
        // again after a crash or a statistics reset) or, if larger, the row count of the last VACUUM, ANALYZE or
        // index build. Only a load they call larger takes the lock.
        Long estimated = jdbc.queryForObject("""
                SELECT GREATEST(COALESCE((SELECT n_live_tup FROM pg_stat_user_tables WHERE relid = to_regclass(?)), 0),
                                (SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = to_regclass(?)))""",
                Long.class, table, table);
        if (estimated == null || estimated >= incoming) {
            return new BulkIndexes(jdbc, List.of());
        }
        jdbc.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        // then the truth, counted up to `incoming` under the lock: a load that queued behind another large one may
        // no longer be the larger
        Long held = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " FETCH FIRST ? ROWS ONLY) t",
                Long.class, incoming);
        if (held == null || held >= incoming) {
            return new BulkIndexes(jdbc, List.of());
        }
        Map<String, String> definitions = new TreeMap<>();   // by name, each index's CREATE INDEX
        jdbc.query("""
                SELECT quote_ident(i.relname), pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = to_regclass(?) AND NOT x.indisprimary AND NOT x.indisunique
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)""",
                (ResultSet rs) -> {
                    definitions.put(rs.getString(1), rs.getString(2));
                }, table);
        definitions.keySet().forEach(name -> jdbc.execute("DROP INDEX " + name));
        return new BulkIndexes(jdbc, List.copyOf(definitions.values()));
    }

    /** Whether indexes were set aside (for the import's progress lines). */
    boolean any() {
        return !definitions.isEmpty();
    }

    /** Builds the indexes set aside again, with room to sort in memory. */
    void restore() {
        if (definitions.isEmpty()) {
            return;
        }
        jdbc.execute("SET LOCAL maintenance_work_mem = '256MB'");
        definitions.forEach(jdbc::execute);
    }
}
