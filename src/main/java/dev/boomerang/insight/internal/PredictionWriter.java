package dev.boomerang.insight.internal;

import dev.boomerang.insight.internal.model.Forecast;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes the predictions of a fit for every summarized customer, replacing the previous fit's. Customers are
 * read back from the summary table in chunks (by id), forecast in parallel, and staged in a transaction table
 * (through {@code COPY} on PostgreSQL); two set-based statements then replace {@code customer_prediction}
 * (ranking the CLVs) and {@code customer_expected_orders}. Memory holds one chunk and a bounded cache of
 * outlooks by (x, t_x, T), which many customers share (every one-time buyer of the same day, for a start).
 */
@Component
class PredictionWriter {

    static final String STAGE = "insight_score";
    private static final int CACHE_LIMIT = 200_000;

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final InsightSql sql;

    PredictionWriter(JdbcTemplate jdbc, DataSource dataSource, InsightSql sql) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.sql = sql;
    }

    private record Summary(long customerId, int x, int txDays, int tDays, BigDecimal repeatSpend) {
    }

    /** Writes every customer's predictions under {@code fitId}; returns how many customers. */
    long write(long fitId, Forecast forecast, List<Integer> horizonsDays, int chunkSize) {
        int horizons = horizonsDays.size();
        StringBuilder columns = new StringBuilder("customer_id BIGINT NOT NULL PRIMARY KEY, p_alive DOUBLE PRECISION NOT NULL, "
                + "expected_value DOUBLE PRECISION, clv DOUBLE PRECISION");
        for (int i = 0; i < horizons; i++) {
            columns.append(", e").append(i).append(" DOUBLE PRECISION NOT NULL");
        }
        sql.createTransactionTable(jdbc, STAGE, columns.toString());
        Map<Long, double[]> cache = new HashMap<>();
        long last = Long.MIN_VALUE;
        long written = 0;
        while (true) {
            List<Summary> chunk = jdbc.query("SELECT customer_id, x, tx_days, t_days, repeat_spend FROM "
                    + CustomerSummaries.TABLE + " WHERE customer_id > ? ORDER BY customer_id FETCH FIRST " + chunkSize + " ROWS ONLY",
                    (rs, n) -> new Summary(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getBigDecimal(5)), last);
            if (chunk.isEmpty()) {
                break;
            }
            if (cache.size() > CACHE_LIMIT) {
                cache.clear();
            }
            Forecast.Values[] values = forecast(chunk, forecast, cache);
            stage(chunk, values, horizons);
            written += chunk.size();
            last = chunk.getLast().customerId();
        }
        sql.analyze(jdbc, STAGE);
        replace(fitId, horizonsDays);
        return written;
    }

    /** Outlooks not yet cached are computed in parallel, then the chunk's values from them. */
    private static Forecast.Values[] forecast(List<Summary> chunk, Forecast forecast, Map<Long, double[]> cache) {
        Map<Long, Summary> missing = new HashMap<>();
        for (Summary s : chunk) {
            long key = key(s);
            if (!cache.containsKey(key)) {
                missing.putIfAbsent(key, s);
            }
        }
        List<Summary> toWrite = new ArrayList<>(missing.values());
        double[][] computed = new double[toWrite.size()][];
        IntStream.range(0, toWrite.size()).parallel()
            .forEach(i -> computed[i] = forecast.purchaseOutlook(toWrite.get(i).x(), toWrite.get(i).txDays(), toWrite.get(i).tDays()));
        for (int i = 0; i < computed.length; i++) {
            cache.put(key(toWrite.get(i)), computed[i]);
        }
        Forecast.Values[] values = new Forecast.Values[chunk.size()];
        for (int i = 0; i < values.length; i++) {
            Summary s = chunk.get(i);
            values[i] = forecast.values(cache.get(key(s)), s.x(), s.repeatSpend().doubleValue());
        }
        return values;
    }

    private static long key(Summary s) {
        return ((long) s.x() << 42) ^ ((long) s.txDays() << 21) ^ s.tDays();
    }

    private void stage(List<Summary> chunk, Forecast.Values[] values, int horizons) {
        if (sql.isPostgres()) {
            StringBuilder text = new StringBuilder(chunk.size() * (40 + 20 * horizons));
            for (int i = 0; i < values.length; i++) {
                Forecast.Values v = values[i];
                text.append(chunk.get(i).customerId()).append('\t').append(v.probabilityAlive()).append('\t');
                nullable(text, v.expectedSpend()).append('\t');
                nullable(text, v.clv());
                for (double e : v.expectedPurchases()) {
                    text.append('\t').append(e);
                }
                text.append('\n');
            }
            copy(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        else {
            List<Object[]> rows = new ArrayList<>(values.length);
            for (int i = 0; i < values.length; i++) {
                Forecast.Values v = values[i];
                Object[] row = new Object[4 + horizons];
                row[0] = chunk.get(i).customerId();
                row[1] = v.probabilityAlive();
                row[2] = finite(v.expectedSpend());
                row[3] = finite(v.clv());
                for (int h = 0; h < horizons; h++) {
                    row[4 + h] = v.expectedPurchases()[h];
                }
                rows.add(row);
            }
            jdbc.batchUpdate("INSERT INTO " + STAGE + " VALUES (?, ?, ?, ?" + ", ?".repeat(horizons) + ")", rows);
        }
    }

    private static StringBuilder nullable(StringBuilder text, double value) {
        return Double.isFinite(value) ? text.append(value) : text.append("\\N");
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private void copy(byte[] bytes) {
        // the transaction's own connection: the stage table is visible to it only
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + STAGE + " FROM STDIN");
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            }
            finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("COPY into the prediction stage failed", ex);
        }
    }

    private void replace(long fitId, List<Integer> horizonsDays) {
        jdbc.update("DELETE FROM customer_expected_orders");
        jdbc.update("DELETE FROM customer_prediction");
        jdbc.update("""
                INSERT INTO customer_prediction (customer_id, fit_id, frequency, recency_weeks, age_weeks, mean_repeat_value,
                                                 p_alive, expected_order_value, predicted_clv, clv_rank, clv_top_share)
                SELECT s.customer_id, ?, m.x, m.tx_days / 7.0, m.t_days / 7.0,
                       CASE WHEN m.x > 0 THEN CAST(m.repeat_spend / m.x AS NUMERIC(18, 4)) END,
                       s.p_alive, s.expected_value, s.clv,
                       CASE WHEN s.clv IS NOT NULL THEN RANK() OVER (PARTITION BY s.clv IS NULL ORDER BY s.clv DESC) END,
                       CASE WHEN s.clv IS NOT NULL THEN CUME_DIST() OVER (PARTITION BY s.clv IS NULL ORDER BY s.clv DESC) END
                FROM %s s JOIN %s m ON m.customer_id = s.customer_id
                """.formatted(STAGE, CustomerSummaries.TABLE), fitId);
        StringBuilder expected = new StringBuilder(
                "INSERT INTO customer_expected_orders (customer_id, horizon_days, expected_orders) ");
        for (int i = 0; i < horizonsDays.size(); i++) {
            expected.append(i == 0 ? "" : " UNION ALL ")
                .append("SELECT customer_id, ").append(horizonsDays.get(i)).append(", e").append(i).append(" FROM ").append(STAGE);
        }
        jdbc.update(expected.toString());
    }
}
