package dev.boomerang.insight.internal;

import dev.boomerang.insight.CohortTable;
import dev.boomerang.insight.RetentionKpis;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Retention KPIs and cohorts, each one set-based statement over the orders table (one row per customer comes
 * back to the database's own aggregation, never to Java). The definitions are in the README, "Insight".
 */
@Component
class RetentionQueries {

    private final JdbcTemplate jdbc;
    private final InsightSql sql;

    RetentionQueries(JdbcTemplate jdbc, InsightSql sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    RetentionKpis kpis(LocalDate from, LocalDate to, LocalDate asOf) {
        if (from.isAfter(to) || to.isAfter(asOf)) {
            throw new IllegalArgumentException("the period must run from <= to <= asOf, not " + from + ".." + to + " as of " + asOf);
        }
        // per customer: orders and revenue in the period, orders up to its end, orders in the return window,
        // first order time, revenue up to asOf
        return jdbc.queryForObject("""
                SELECT COUNT(*) AS customers,
                       SUM(CASE WHEN in_period > 0 THEN 1 ELSE 0 END) AS active,
                       SUM(in_period) AS orders,
                       SUM(period_revenue) AS revenue,
                       SUM(CASE WHEN in_period > 0 AND up_to_end >= 2 THEN 1 ELSE 0 END) AS repeaters,
                       SUM(CASE WHEN in_period > 0 AND after_period > 0 THEN 1 ELSE 0 END) AS retained,
                       SUM(CASE WHEN first_at >= ? AND first_at < ? THEN 1 ELSE 0 END) AS new_customers,
                       SUM(CASE WHEN first_at >= ? AND first_at < ? THEN revenue_to_date ELSE 0 END) AS new_revenue
                FROM (SELECT o.customer_id,
                             SUM(CASE WHEN o.placed_at >= ? AND o.placed_at < ? THEN 1 ELSE 0 END) AS in_period,
                             SUM(CASE WHEN o.placed_at >= ? AND o.placed_at < ? THEN o.total ELSE 0 END) AS period_revenue,
                             SUM(CASE WHEN o.placed_at < ? THEN 1 ELSE 0 END) AS up_to_end,
                             SUM(CASE WHEN o.placed_at >= ? THEN 1 ELSE 0 END) AS after_period,
                             MIN(o.placed_at) AS first_at,
                             SUM(o.total) AS revenue_to_date
                      FROM orders o
                      WHERE o.placed_at < ?
                      GROUP BY o.customer_id) c
                """, (rs, n) -> {
            long customers = rs.getLong("customers");
            long active = rs.getLong("active");
            long orders = rs.getLong("orders");
            BigDecimal revenue = orZero(rs.getBigDecimal("revenue"));
            long repeaters = rs.getLong("repeaters");
            long retained = rs.getLong("retained");
            long newCustomers = rs.getLong("new_customers");
            BigDecimal newRevenue = orZero(rs.getBigDecimal("new_revenue"));
            long window = ChronoUnit.DAYS.between(to, asOf);
            Double retention = window == 0 ? null : ratio(retained, active);
            return new RetentionKpis(from, to, asOf, customers, active, orders, money(revenue),
                    orders == 0 ? null : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_EVEN),
                    ratio(orders, active), repeaters, ratio(repeaters, active), window, retained, retention,
                    retention == null ? null : 1 - retention, newCustomers,
                    newCustomers == 0 ? null : newRevenue.divide(BigDecimal.valueOf(newCustomers), 2, RoundingMode.HALF_EVEN));
        }, sql.startOf(from), sql.endOf(to), sql.startOf(from), sql.endOf(to), sql.startOf(from), sql.endOf(to),
                sql.startOf(from), sql.endOf(to), sql.endOf(to), sql.endOf(to), sql.endOf(asOf));
    }

    CohortTable cohorts(YearMonth from, LocalDate asOf) {
        if (from.isAfter(YearMonth.from(asOf))) {
            throw new IllegalArgumentException("the first cohort month " + from + " is after asOf " + asOf);
        }
        String month = "(EXTRACT(YEAR FROM d) * 12 + EXTRACT(MONTH FROM d) - 1)";
        String day = sql.day("o.placed_at");
        int fromIndex = from.getYear() * 12 + from.getMonthValue() - 1;
        Map<Integer, long[]> rows = new TreeMap<>();
        int last = YearMonth.from(asOf).getYear() * 12 + YearMonth.from(asOf).getMonthValue() - 1;
        jdbc.query("""
                SELECT cohort, m - cohort AS k, COUNT(*) AS active
                FROM (SELECT customer_id, m, MIN(m) OVER (PARTITION BY customer_id) AS cohort
                      FROM (SELECT DISTINCT customer_id, %s AS m
                            FROM (SELECT o.customer_id, %s AS d FROM orders o WHERE o.placed_at < ?) od) months) cm
                WHERE cohort >= ?
                GROUP BY cohort, m - cohort
                """.formatted(month, day), rs -> {
            int cohort = rs.getInt(1);
            long[] active = rows.computeIfAbsent(cohort, c -> new long[last - c + 1]);
            active[rs.getInt(2)] = rs.getLong(3);
        }, sql.endOf(asOf), fromIndex);
        List<CohortTable.Cohort> cohorts = new ArrayList<>();
        rows.forEach((index, active) -> {
            long size = active[0];
            List<Long> counts = new ArrayList<>(active.length);
            List<Double> shares = new ArrayList<>(active.length);
            for (long a : active) {
                counts.add(a);
                shares.add((double) a / size);
            }
            cohorts.add(new CohortTable.Cohort(YearMonth.of(index / 12, index % 12 + 1), size, counts, shares));
        });
        return new CohortTable(from, asOf, cohorts);
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN);
    }
}
