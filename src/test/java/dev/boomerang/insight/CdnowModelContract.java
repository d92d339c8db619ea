package dev.boomerang.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.boomerang.insight.internal.model.BgNbd;
import dev.boomerang.segment.Rule;
import dev.boomerang.segment.Segments;
import dev.boomerang.support.Cdnow;
import dev.boomerang.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Acceptance: the raw CDNOW sample purchase log ({@code CDNOW_sample.txt}) goes in through the store's CSV
 * ingest API, Boomerang summarizes it and fits both models as of 1997-09-30 (the 39-week calibration period of
 * the literature) through the admin API, and the results match the published figures. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// 273 days = 39 weeks: the horizon of the paper's conditional expectation
@TestPropertySource(properties = "boomerang.insight.model.horizons-days=273,30,90,180,365")
abstract class CdnowModelContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    Segments segments;

    JsonNode fit;

    @BeforeAll
    void importTheSampleAndFit() throws Exception {
        for (String table : List.of("customer_expected_orders", "customer_prediction", "insight_fit", "orders", "customer")) {
            jdbc.update("DELETE FROM " + table);
        }
        Http http = new Http(port);
        String[] csv = Cdnow.csv(Cdnow.sample());
        Http.Response customers = http.ingest("POST", "/api/customers", "text/csv", csv[0]);
        assertThat(customers.status()).as(customers.body()).isEqualTo(200);
        Http.Response orders = http.ingest("POST", "/api/orders", "text/csv", csv[1]);
        assertThat(orders.status()).as(orders.body()).isEqualTo(200);
        assertThat(mapper.readTree(orders.body()).get("created").asInt()).isEqualTo(6919);
        Http.Response response = http.admin("POST", "/api/admin/insight/model?asOf=1997-09-30");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        fit = mapper.readTree(response.body());
    }

    @Test
    void theFitSawTheCalibrationPeriod() {
        assertThat(fit.get("asOf").asString()).isEqualTo("1997-09-30");
        assertThat(fit.get("firstPurchaseDay").asString()).isEqualTo("1997-01-01");
        assertThat(fit.get("lastPurchaseDay").asString()).isEqualTo("1997-09-30");
        assertThat(fit.get("customers").asLong()).isEqualTo(2357);
        assertThat(fit.get("trigger").asString()).isEqualTo("api");
        JsonNode stored = mapper.readTree(new Http(port).admin("GET", "/api/admin/insight/model").body());
        assertThat(stored.get("id").asLong()).isEqualTo(fit.get("id").asLong());
        assertThat(stored.get("bgNbd").get("r").asDouble()).isEqualTo(fit.get("bgNbd").get("r").asDouble());
    }

    @Test
    void bgNbdMatchesThePublishedParameters() {
        JsonNode bg = fit.get("bgNbd");
        assertThat(bg.get("r").asDouble()).isCloseTo(0.243, within(0.01));
        assertThat(bg.get("alpha").asDouble()).isCloseTo(4.414, within(0.01));
        assertThat(bg.get("a").asDouble()).isCloseTo(0.793, within(0.01));
        assertThat(bg.get("b").asDouble()).isCloseTo(2.426, within(0.01));
        assertThat(bg.get("logLikelihood").asDouble()).isCloseTo(-9582.4, within(0.5));
    }

    @Test
    void expectationsMatchThePublishedOnes() {
        JsonNode bg = fit.get("bgNbd");
        BgNbd model = new BgNbd(bg.get("r").asDouble(), bg.get("alpha").asDouble(), bg.get("a").asDouble(), bg.get("b").asDouble());
        assertThat(model.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.001));
        assertThat(model.expectedPurchases(1)).isCloseTo(0.0532, within(0.0005));
        assertThat(model.expectedPurchases(3)).isCloseTo(0.1506, within(0.0005));
        assertThat(model.expectedPurchases(32)).isCloseTo(1.0437, within(0.0005));
        assertThat(model.expectedPurchases(78)).isCloseTo(1.8576, within(0.0005));
        // the paper's customer is sample customer 1 (x = 2, t_x = 30.43, T = 38.86): its stored 39-week prediction
        Double stored = jdbc.queryForObject("""
                SELECT e.expected_orders FROM customer_expected_orders e JOIN customer c ON c.id = e.customer_id
                WHERE c.external_id = '1' AND e.horizon_days = 273""", Double.class);
        assertThat(stored).isCloseTo(1.226, within(0.001));
    }

    @Test
    void gammaGammaMatchesThePublishedParametersAndSpends() {
        JsonNode gg = fit.get("gammaGamma");
        assertThat(gg.get("p").asDouble()).isCloseTo(6.25, within(0.01));
        assertThat(gg.get("q").asDouble()).isCloseTo(3.74, within(0.01));
        assertThat(gg.get("gamma").asDouble()).isCloseTo(15.44, within(0.01));
        double[] published = { 24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17 };
        Http http = new Http(port);
        for (int id = 1; id <= 10; id++) {
            JsonNode customer = mapper.readTree(http.admin("GET", "/api/admin/customers/" + id).body());
            assertThat(customer.get("prediction").get("expectedOrderValue").asDouble()).as("customer %d", id)
                .isCloseTo(published[id - 1], within(0.1));
        }
    }

    /** Boomerang's own summaries against the published summary file, customer by customer. */
    @Test
    void theSummariesAgreeWithThePublishedSummaryFile() throws Exception {
        Map<String, Map<String, Object>> stored = new java.util.HashMap<>();
        jdbc.query("""
                SELECT c.external_id, p.frequency, p.recency_weeks, p.age_weeks, p.mean_repeat_value
                FROM customer_prediction p JOIN customer c ON c.id = p.customer_id""",
                (java.sql.ResultSet rs) -> {
                    stored.put(rs.getString(1), Map.of("x", rs.getInt(2), "tx", rs.getDouble(3), "T", rs.getDouble(4),
                            "zbar", rs.getBigDecimal(5) == null ? 0.0 : rs.getBigDecimal(5).doubleValue()));
                });
        List<String> lines = Files.readAllLines(Path.of("..", "shared", "data", "cdnow", "cdnow_sample_summary.csv"));
        assertThat(stored).hasSize(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Map<String, Object> s = stored.get(f[0]);
            assertThat(s).as("customer %s", f[0]).isNotNull();
            assertThat(s.get("x")).as("x of %s", f[0]).isEqualTo(Integer.parseInt(f[1]));
            assertThat((double) s.get("tx")).as("t_x of %s", f[0]).isCloseTo(Double.parseDouble(f[2]), within(0.006));
            assertThat((double) s.get("T")).as("T of %s", f[0]).isCloseTo(Double.parseDouble(f[3]), within(0.006));
            assertThat((double) s.get("zbar")).as("zbar of %s", f[0]).isCloseTo(Double.parseDouble(f[4]), within(0.006));
        }
    }

    @Test
    void everyCustomerHasPredictionsWithinTheirRanges() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_prediction WHERE p_alive < 0 OR p_alive > 1", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_expected_orders", Long.class)).isEqualTo(2357L * 5);
        // longer horizons expect at least as many purchases
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM customer_expected_orders a JOIN customer_expected_orders b
                  ON a.customer_id = b.customer_id AND a.horizon_days = 90 AND b.horizon_days = 365
                WHERE b.expected_orders < a.expected_orders""", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT MIN(clv_rank) FROM customer_prediction", Long.class)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT MAX(clv_top_share) FROM customer_prediction", Double.class)).isEqualTo(1.0);
        // the top-ranked customer has the highest CLV, and "top 10%" selects about a tenth
        assertThat(jdbc.queryForObject("SELECT predicted_clv FROM customer_prediction WHERE clv_rank = 1", Double.class))
            .isEqualTo(jdbc.queryForObject("SELECT MAX(predicted_clv) FROM customer_prediction", Double.class));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_prediction WHERE clv_top_share <= 0.10", Long.class))
            .isBetween(200L, 236L);
    }

    /**
     * The segment conditions on predictions count what the stored predictions say, computed here from the raw
     * columns: P(alive) below 0.3, the top 10% by CLV from the CLVs themselves, and 39-week expected orders. The
     * predictions are the fit's whatever the as-of of the segment.
     */
    @Test
    void segmentConditionsOnPredictionsCountWhatTheTablesSay() {
        List<Double> pAlive = jdbc.queryForList("SELECT p_alive FROM customer_prediction", Double.class);
        long slipping = pAlive.stream().filter(p -> p < 0.3).count();
        assertThat(slipping).isBetween(1L, pAlive.size() - 1L);
        assertThat(count("p-alive: { below: 0.3 }", null)).isEqualTo(slipping);
        assertThat(count("p-alive: { below: 0.3 }", Instant.parse("1997-03-01T00:00:00Z"))).isEqualTo(slipping);
        assertThat(count("p-alive: { at-least: 0.3 }", null)).isEqualTo(pAlive.size() - slipping);

        List<Double> clvs = jdbc.queryForList("SELECT predicted_clv FROM customer_prediction WHERE predicted_clv IS NOT NULL",
                Double.class);
        long top = clvs.stream().filter(v -> 10 * clvs.stream().filter(x -> x >= v).count() <= clvs.size()).count();
        assertThat(top).isBetween(200L, 236L);
        assertThat(count("clv-rank: { top: 10% }", null)).isEqualTo(top);
        long worth200 = clvs.stream().filter(v -> v >= 200).count();
        assertThat(count("predicted-clv: { at-least: 200 }", null)).isEqualTo(worth200);

        long expectedAgain = jdbc.queryForList("SELECT expected_orders FROM customer_expected_orders WHERE horizon_days = 273",
                Double.class).stream().filter(e -> e >= 1).count();
        assertThat(count("predicted-orders: { at-least: 1, horizon: 39w }", null)).isEqualTo(expectedAgain).isPositive();
    }

    private long count(String rule, Instant asOf) {
        Rule parsed = segments.readQuery("rule: { " + rule + " }", "test").rule();
        return segments.count(parsed, asOf);
    }
}
