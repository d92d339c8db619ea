package dev.boomerang.segment.internal;

import dev.boomerang.segment.Rule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Conditions on the predictions the insight module stores ({@code customer_prediction},
 * {@code customer_expected_orders}). Those tables hold the latest fit's predictions only (each fit replaces them
 * in one transaction), so they are read as they are, whatever T is. A customer without a row (no order as of the
 * fit's day, or no fit yet) fails every condition; a NULL CLV (no spend model) fails the CLV ones.
 *
 * <p>The stored figures are doubles. Bounds are bound as doubles too (the double nearest the number written), so
 * both databases compare in double precision: H2 would otherwise compare a DOUBLE with a NUMERIC as decimals,
 * and a stored 0.3 (a double a little below 3/10) would fail {@code at-least: 0.3} there but not on PostgreSQL.
 */
final class PredictionSql {

    private static final String PREDICTION = "EXISTS (SELECT 1 FROM customer_prediction p WHERE p.customer_id = c.id";
    private static final String AT_LEAST = " >= CAST(? AS DOUBLE PRECISION)";
    private static final String AT_MOST = " <= CAST(? AS DOUBLE PRECISION)";
    private static final String BELOW = " < CAST(? AS DOUBLE PRECISION)";

    /** The fit whose predictions are stored: its as-of day and the horizons of its expected orders. */
    record LatestFit(long id, LocalDate asOf, List<Integer> horizonsDays) {
        LatestFit {
            horizonsDays = List.copyOf(horizonsDays);
        }
    }

    private PredictionSql() {
    }

    static Fragment pAlive(Rule.PAlive rule) {
        return bounds(PREDICTION, "p.p_alive", rule.atLeast(), AT_LEAST, rule.below(), BELOW);
    }

    static Fragment predictedClv(Rule.PredictedClv rule) {
        return bounds(PREDICTION, "p.predicted_clv", rule.atLeast(), AT_LEAST, rule.atMost(), AT_MOST);
    }

    /** clv_top_share is CUME_DIST() by CLV, highest first: the share of predicted customers with a CLV at least as high. */
    static Fragment clvTop(Rule.ClvTop rule) {
        return bounds(PREDICTION, "p.clv_top_share", null, AT_LEAST, rule.percent().movePointLeft(2), AT_MOST);
    }

    /** The horizon is bound too, so one plan serves every horizon; the primary key finds the row. */
    static Fragment predictedOrders(Rule.PredictedOrders rule) {
        return bounds("EXISTS (SELECT 1 FROM customer_expected_orders e WHERE e.customer_id = c.id AND e.horizon_days = ?",
                "e.expected_orders", rule.atLeast(), AT_LEAST, rule.atMost(), AT_MOST)
            .wrap("", List.of(rule.horizonDays()), "");
    }

    private static Fragment bounds(String exists, String column, BigDecimal lower, String lowerOp, BigDecimal upper,
            String upperOp) {
        StringBuilder sql = new StringBuilder(exists);
        List<Object> values = new ArrayList<>();
        if (lower != null) {
            sql.append(" AND ").append(column).append(lowerOp);
            values.add(lower.doubleValue());
        }
        if (upper != null) {
            sql.append(" AND ").append(column).append(upperOp);
            values.add(upper.doubleValue());
        }
        return new Fragment(sql.append(')').toString(), values);
    }

    /** The latest fit (highest id), or empty before the first one. */
    static Optional<LatestFit> latestFit(JdbcTemplate jdbc) {
        return jdbc.query("SELECT id, as_of, horizons_days FROM insight_fit ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> new LatestFit(rs.getLong(1), rs.getObject(2, LocalDate.class),
                        Arrays.stream(rs.getString(3).split(",")).map(String::trim).map(Integer::valueOf).toList()))
            .stream()
            .findFirst();
    }
}
