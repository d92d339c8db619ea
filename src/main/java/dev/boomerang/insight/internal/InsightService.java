package dev.boomerang.insight.internal;

import dev.boomerang.insight.CohortTable;
import dev.boomerang.insight.CustomerInsight;
import dev.boomerang.insight.FitTrigger;
import dev.boomerang.insight.Insight;
import dev.boomerang.insight.ModelFit;
import dev.boomerang.insight.RetentionKpis;
import dev.boomerang.insight.RfmRun;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The insight module's API ({@link Insight}) over its parts. */
@Service
class InsightService implements Insight {

    private final JdbcTemplate jdbc;
    private final RetentionQueries retention;
    private final RfmScoring rfm;
    private final ModelFitting fitting;
    private final InsightProperties properties;
    private final Clock clock;

    InsightService(JdbcTemplate jdbc, RetentionQueries retention, RfmScoring rfm, ModelFitting fitting,
            InsightProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.rfm = rfm;
        this.fitting = fitting;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public LocalDate today() {
        return LocalDate.now(clock.withZone(properties.zone()));
    }

    @Override
    public RetentionKpis kpis(LocalDate from, LocalDate to, LocalDate asOf) {
        return retention.kpis(from, to, asOf);
    }

    @Override
    public CohortTable cohorts(LocalDate from, LocalDate asOf) {
        return retention.cohorts(YearMonth.from(from), asOf);
    }

    @Override
    public RfmRun scoreRfm(LocalDate asOf) {
        return rfm.score(asOf);
    }

    @Override
    public ModelFit refit(LocalDate asOf, FitTrigger trigger) {
        return fitting.fit(asOf == null ? today() : asOf, trigger);
    }

    @Override
    public Optional<ModelFit> currentModel() {
        return jdbc.query("SELECT * FROM insight_fit ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", (rs, n) -> fit(rs))
            .stream().findFirst();
    }

    private static ModelFit fit(ResultSet rs) throws SQLException {
        List<Integer> horizons = Arrays.stream(rs.getString("horizons_days").split(",")).map(Integer::valueOf).toList();
        return new ModelFit(rs.getLong("id"), rs.getObject("fitted_at", OffsetDateTime.class).toInstant(),
                FitTrigger.valueOf(rs.getString("trigger_source")), rs.getObject("as_of", LocalDate.class), rs.getString("zone"),
                rs.getObject("first_purchase_day", LocalDate.class), rs.getObject("last_purchase_day", LocalDate.class),
                rs.getLong("customers"), rs.getLong("repeat_customers"), rs.getLong("purchase_days"),
                new ModelFit.BgNbdParameters(rs.getDouble("bgnbd_r"), rs.getDouble("bgnbd_alpha"), rs.getDouble("bgnbd_a"),
                        rs.getDouble("bgnbd_b"), rs.getDouble("bgnbd_log_likelihood"), rs.getInt("bgnbd_groups")),
                new ModelFit.GammaGammaParameters(nullableDouble(rs, "gg_p"), nullableDouble(rs, "gg_q"),
                        nullableDouble(rs, "gg_gamma"), nullableDouble(rs, "gg_log_likelihood"), rs.getLong("gg_customers"),
                        rs.getString("gg_note")),
                horizons, rs.getInt("clv_months"), rs.getDouble("annual_discount_rate"),
                Duration.ofMillis(rs.getLong("fit_millis")), Duration.ofMillis(rs.getLong("score_millis")));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    @Override
    public Optional<CustomerInsight> customer(String externalId) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM customer WHERE external_id = ?", Long.class, externalId);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long id = ids.getFirst();
        CustomerInsight.Rfm scores = jdbc.query("SELECT recency, frequency, monetary, scored_at FROM customer_rfm WHERE customer_id = ?",
                (rs, n) -> new CustomerInsight.Rfm(rs.getInt(1), rs.getInt(2), rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()), id).stream().findFirst().orElse(null);
        Map<Integer, Double> expected = new LinkedHashMap<>();
        jdbc.query("SELECT horizon_days, expected_orders FROM customer_expected_orders WHERE customer_id = ? ORDER BY horizon_days",
                (ResultSet rs) -> {
                    expected.put(rs.getInt(1), rs.getDouble(2));
                }, id);
        CustomerInsight.Prediction prediction = jdbc.query("""
                SELECT p.*, f.as_of FROM customer_prediction p JOIN insight_fit f ON f.id = p.fit_id WHERE p.customer_id = ?
                """, (rs, n) -> new CustomerInsight.Prediction(rs.getLong("fit_id"), rs.getObject("as_of", LocalDate.class),
                rs.getInt("frequency"), rs.getDouble("recency_weeks"), rs.getDouble("age_weeks"),
                rs.getBigDecimal("mean_repeat_value"), rs.getDouble("p_alive"), expected,
                nullableDouble(rs, "expected_order_value"), nullableDouble(rs, "predicted_clv"), nullableLong(rs, "clv_rank"),
                nullableDouble(rs, "clv_top_share")), id).stream().findFirst().orElse(null);
        return Optional.of(new CustomerInsight(externalId, scores, prediction));
    }
}
