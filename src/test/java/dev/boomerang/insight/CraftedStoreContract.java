package dev.boomerang.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.boomerang.support.Http;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * KPIs, cohorts and RFM scores of a small store computed by hand (the figures in the comments), through the
 * admin API; the API's refusals of bad parameters. Runs once per database.
 *
 * <pre>
 *   a: 2025-01-10 100, 2025-03-05 50, 2025-07-01 30
 *   b: 2025-02-01 20 and 10 (two orders, one day)
 *   c: 2025-06-15 200
 *   d: 2024-12-20 40, 2025-08-10 60
 *   f: 2025-06-30T23:30-02:00 25 (= 2025-07-01 01:30 UTC: July in the store's zone, UTC)
 *   e: no order
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CraftedStoreContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper mapper;

    Http http;

    @BeforeEach
    void craftedStore() {
        for (String table : List.of("customer_rfm", "customer_expected_orders", "customer_prediction", "insight_fit", "orders", "customer")) {
            jdbc.update("DELETE FROM " + table);
        }
        http = new Http(port);
        assertThat(http.ingest("POST", "/api/customers", "text/csv", "customer_id\na\nb\nc\nd\ne\nf\n").status()).isEqualTo(200);
        Http.Response orders = http.ingest("POST", "/api/orders", "text/csv", """
                order_id,customer_id,placed_at,total
                a1,a,2025-01-10T09:00:00Z,100
                a2,a,2025-03-05,50
                a3,a,2025-07-01T12:00:00Z,30
                b1,b,2025-02-01T08:00:00Z,20
                b2,b,2025-02-01T20:00:00Z,10
                c1,c,2025-06-15,200
                d1,d,2024-12-20,40
                d2,d,2025-08-10,60
                f1,f,2025-06-30T23:30:00-02:00,25
                """);
        assertThat(orders.status()).as(orders.body()).isEqualTo(200);
    }

    JsonNode get(String path) {
        Http.Response response = http.admin("GET", path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    @Test
    void kpisOfAPeriodWithItsReturnWindow() {
        JsonNode k = get("/api/admin/insight/kpis?from=2025-01-01&to=2025-06-30&asOf=2025-09-30");
        assertThat(k.get("customers").asLong()).isEqualTo(5);              // a b c d f
        assertThat(k.get("activeCustomers").asLong()).isEqualTo(3);        // a b c (f's order is July 1st in UTC)
        assertThat(k.get("orders").asLong()).isEqualTo(5);                 // a1 a2 b1 b2 c1
        assertThat(k.get("revenue").decimalValue()).isEqualByComparingTo("380");
        assertThat(k.get("averageOrderValue").decimalValue()).isEqualByComparingTo("76.00");
        assertThat(k.get("purchaseFrequency").asDouble()).isCloseTo(5.0 / 3, within(1e-9));
        assertThat(k.get("repeatCustomers").asLong()).isEqualTo(2);        // a, b: two orders by June 30th
        assertThat(k.get("repeatCustomerRate").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(k.get("returnWindowDays").asLong()).isEqualTo(92);      // July 1st to September 30th
        assertThat(k.get("retainedCustomers").asLong()).isEqualTo(1);      // a (July 1st)
        assertThat(k.get("retentionRate").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(k.get("churnRate").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(k.get("newCustomers").asLong()).isEqualTo(3);           // a b c; d started in 2024
        assertThat(k.get("historicalClv").decimalValue()).isEqualByComparingTo("136.67"); // (180 + 30 + 200) / 3
    }

    @Test
    void asOfCutsTheHistory() {
        JsonNode k = get("/api/admin/insight/kpis?from=2025-01-01&to=2025-03-31&asOf=2025-06-30");
        assertThat(k.get("customers").asLong()).isEqualTo(4);              // a b c d; f only on July 1st
        assertThat(k.get("activeCustomers").asLong()).isEqualTo(2);        // a b
        assertThat(k.get("retainedCustomers").asLong()).isZero();          // neither ordered in April to June
        assertThat(k.get("retentionRate").asDouble()).isZero();
        assertThat(k.get("historicalClv").decimalValue()).isEqualByComparingTo("90.00"); // new: a 150 (to June 30th), b 30
        JsonNode empty = get("/api/admin/insight/kpis?from=2025-09-01&to=2025-09-30&asOf=2025-09-30");
        assertThat(empty.get("activeCustomers").asLong()).isZero();
        assertThat(empty.has("averageOrderValue")).isFalse();             // no orders: no average
        assertThat(empty.has("retentionRate")).isFalse();                 // no return window
    }

    @Test
    void cohortsByMonthOfFirstOrder() {
        JsonNode table = get("/api/admin/insight/cohorts?from=2024-12-01&asOf=2025-09-30");
        Map<String, JsonNode> cohorts = table.get("cohorts").valueStream()
            .collect(Collectors.toMap(c -> c.get("month").asString(), c -> c));
        assertThat(cohorts.keySet()).containsExactlyInAnyOrder("2024-12", "2025-01", "2025-02", "2025-06", "2025-07");
        assertThat(longs(cohorts.get("2024-12").get("active"))).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L); // d
        assertThat(longs(cohorts.get("2025-01").get("active"))).containsExactly(1L, 0L, 1L, 0L, 0L, 0L, 1L, 0L, 0L);     // a
        assertThat(longs(cohorts.get("2025-02").get("active"))).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);         // b
        assertThat(longs(cohorts.get("2025-07").get("active"))).containsExactly(1L, 0L, 0L);                             // f
        assertThat(cohorts.get("2025-01").get("share").get(2).asDouble()).isEqualTo(1.0);
        assertThat(cohorts.get("2025-06").get("customers").asLong()).isEqualTo(1);
        JsonNode later = get("/api/admin/insight/cohorts?from=2025-02-01&asOf=2025-06-30");
        assertThat(later.get("cohorts").valueStream().map(c -> c.get("month").asString())).containsExactly("2025-02", "2025-06");
    }

    static List<Long> longs(JsonNode array) {
        return array.valueStream().map(JsonNode::asLong).toList();
    }

    @Test
    void rfmScoresAreQuintilesWithTiesScoredAlike() {
        Http.Response run = http.admin("POST", "/api/admin/insight/rfm?asOf=2025-09-30");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(mapper.readTree(run.body()).get("customers").asInt()).isEqualTo(5);
        // recency by last order day: b 02-01, c 06-15, a = f 07-01, d 08-10; orders: c = f 1, b = d 2, a 3;
        // spend: f 25, b 30, d 100, a 180, c 200. Score = 1 + floor(5 * strictly worse / 5)
        assertThat(rfm()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a", "3/5/4", "b", "1/3/2", "c", "2/1/5", "d", "5/3/3", "f", "3/1/1"));
        JsonNode a = get("/api/admin/customers/a");
        assertThat(a.get("rfm").get("recency").asInt()).isEqualTo(3);
        assertThat(a.get("rfm").get("scoredAt").asString()).isEqualTo("2025-10-01T00:00:00Z");
        assertThat(a.has("prediction")).isFalse();
        assertThat(get("/api/admin/customers/e").has("rfm")).isFalse();   // never ordered: no scores

        // as of March 31st, 3 customers, 1 + floor(5 * w / 3) for w = 0, 1, 2 is 1, 2, 4. Recency: d 12-20, b 02-01,
        // a 03-05; orders: d 1, a = b 2; spend: b 30, d 40, a 150
        assertThat(http.admin("POST", "/api/admin/insight/rfm?asOf=2025-03-31").status()).isEqualTo(200);
        assertThat(rfm()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "4/2/4", "b", "2/2/1", "d", "1/1/2"));
    }

    Map<String, String> rfm() {
        return jdbc.query("""
                SELECT c.external_id, r.recency, r.frequency, r.monetary FROM customer_rfm r JOIN customer c ON c.id = r.customer_id
                """, (rs, n) -> Map.entry(rs.getString(1), rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getInt(4)))
            .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void aStoreTooSmallToFitIsToldSoAndKeepsWhatItHad() {
        Http.Response refused = http.admin("POST", "/api/admin/insight/model?asOf=2025-09-30");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("at least 50 customers").contains("there are 5");
        assertThat(http.admin("GET", "/api/admin/insight/model").status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM insight_fit", Long.class)).isZero();
    }

    @Test
    void badParametersAreRefusedByName() {
        assertProblem(http.admin("GET", "/api/admin/insight/kpis?from=2025-13-01"), 400, "from");
        assertProblem(http.admin("GET", "/api/admin/insight/kpis?from=2025-07-01&to=2025-06-30&asOf=2025-09-30"), 400, "from");
        assertProblem(http.admin("GET", "/api/admin/insight/kpis?from=2025-01-01&to=2025-10-30&asOf=2025-09-30"), 400, "to");
        assertProblem(http.admin("GET", "/api/admin/insight/kpis?asOf=yesterday"), 400, "asOf");
        assertProblem(http.admin("GET", "/api/admin/insight/cohorts?from=2026-01-01&asOf=2025-09-30"), 400, "from");
        assertProblem(http.admin("POST", "/api/admin/insight/model?asOf=0001-01-01"), 400, "asOf");
        assertProblem(http.admin("POST", "/api/admin/insight/rfm?asOf=2025-02-30"), 400, "asOf");
        assertThat(http.admin("GET", "/api/admin/customers/nobody").status()).isEqualTo(404);
        assertThat(http.send("GET", "/api/admin/insight/kpis", null, null).status()).isEqualTo(401);
        assertThat(http.ingest("POST", "/api/admin/insight/rfm", null, null).status()).isEqualTo(403);
    }

    void assertProblem(Http.Response response, int status, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode problem = mapper.readTree(response.body());
        assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
        assertThat(problem.get("detail").asString()).contains(parameter);
    }
}
