package dev.boomerang.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.boomerang.support.Cdnow;
import dev.boomerang.support.Cdnow.Purchase;
import dev.boomerang.support.Http;
import dev.boomerang.support.PostgresDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The KPIs, cohorts and RFM scores of the whole CDNOW master log (23,570 customers, 69,659 purchases) through
 * the ingest and admin APIs, against the same figures computed here straight from the file, in plain Java.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "postgres" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowRetentionOnPostgresTest {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry, "cdnow-retention-pg");
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    JdbcTemplate jdbc;

    List<Purchase> purchases;
    Http http;

    @BeforeAll
    void importTheMasterLog() throws Exception {
        purchases = Cdnow.purchases();
        http = new Http(port);
        String[] csv = Cdnow.csv(purchases);
        assertThat(http.ingest("POST", "/api/customers", "text/csv", csv[0]).status()).isEqualTo(200);
        Http.Response orders = http.ingest("POST", "/api/orders", "text/csv", csv[1]);
        assertThat(orders.status()).as(orders.body()).isEqualTo(200);
    }

    JsonNode get(String path) {
        Http.Response response = http.admin("GET", path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    @ParameterizedTest
    @CsvSource({ "1997-01-01, 1997-06-30, 1998-06-30", "1997-04-01, 1997-12-31, 1998-03-31", "1997-03-15, 1997-03-15, 1997-03-16" })
    void kpisMatchAComputationStraightFromTheFile(LocalDate from, LocalDate to, LocalDate asOf) {
        List<Purchase> known = purchases.stream().filter(p -> !p.date().isAfter(asOf)).toList();
        Map<String, List<Purchase>> byCustomer = known.stream().collect(Collectors.groupingBy(Purchase::customerId));
        List<Purchase> inPeriod = known.stream().filter(p -> !p.date().isBefore(from) && !p.date().isAfter(to)).toList();
        Set<String> active = inPeriod.stream().map(Purchase::customerId).collect(Collectors.toSet());
        BigDecimal revenue = inPeriod.stream().map(Purchase::dollars).reduce(BigDecimal.ZERO, BigDecimal::add);
        long repeat = active.stream().filter(c -> byCustomer.get(c).stream().filter(p -> !p.date().isAfter(to)).count() >= 2).count();
        long retained = active.stream().filter(c -> byCustomer.get(c).stream().anyMatch(p -> p.date().isAfter(to))).count();
        Map<String, LocalDate> first = byCustomer.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(Purchase::date).min(LocalDate::compareTo).orElseThrow()));
        List<String> newCustomers = first.entrySet().stream()
            .filter(e -> !e.getValue().isBefore(from) && !e.getValue().isAfter(to)).map(Map.Entry::getKey).toList();
        BigDecimal newRevenue = newCustomers.stream().flatMap(c -> byCustomer.get(c).stream()).map(Purchase::dollars)
            .reduce(BigDecimal.ZERO, BigDecimal::add);

        JsonNode k = get("/api/admin/insight/kpis?from=" + from + "&to=" + to + "&asOf=" + asOf);
        assertThat(k.get("customers").asLong()).isEqualTo(byCustomer.size());
        assertThat(k.get("activeCustomers").asLong()).isEqualTo(active.size());
        assertThat(k.get("orders").asLong()).isEqualTo(inPeriod.size());
        assertThat(k.get("revenue").decimalValue()).isEqualByComparingTo(revenue);
        assertThat(k.get("averageOrderValue").decimalValue())
            .isEqualByComparingTo(revenue.divide(BigDecimal.valueOf(inPeriod.size()), 2, RoundingMode.HALF_EVEN));
        assertThat(k.get("purchaseFrequency").asDouble()).isCloseTo((double) inPeriod.size() / active.size(), within(1e-12));
        assertThat(k.get("repeatCustomers").asLong()).isEqualTo(repeat);
        assertThat(k.get("retainedCustomers").asLong()).isEqualTo(retained);
        assertThat(k.get("returnWindowDays").asLong()).isEqualTo(ChronoUnit.DAYS.between(to, asOf));
        assertThat(k.get("retentionRate").asDouble()).isCloseTo((double) retained / active.size(), within(1e-12));
        assertThat(k.get("churnRate").asDouble()).isCloseTo(1 - (double) retained / active.size(), within(1e-12));
        assertThat(k.get("newCustomers").asLong()).isEqualTo(newCustomers.size());
        if (!newCustomers.isEmpty()) {
            assertThat(k.get("historicalClv").decimalValue()).isEqualByComparingTo(
                    newRevenue.divide(BigDecimal.valueOf(newCustomers.size()), 2, RoundingMode.HALF_EVEN));
        }
    }

    @Test
    void cohortsMatchAComputationStraightFromTheFile() {
        LocalDate asOf = LocalDate.parse("1998-06-30");
        Map<String, YearMonth> cohortOf = new HashMap<>();
        for (Purchase p : purchases) {
            cohortOf.merge(p.customerId(), YearMonth.from(p.date()), (a, b) -> a.isBefore(b) ? a : b);
        }
        Map<YearMonth, Map<Long, Set<String>>> expected = new TreeMap<>();
        for (Purchase p : purchases) {
            YearMonth cohort = cohortOf.get(p.customerId());
            expected.computeIfAbsent(cohort, c -> new TreeMap<>())
                .computeIfAbsent(ChronoUnit.MONTHS.between(cohort, YearMonth.from(p.date())), k -> new java.util.HashSet<>())
                .add(p.customerId());
        }
        JsonNode table = get("/api/admin/insight/cohorts?from=1997-01-01&asOf=" + asOf);
        assertThat(table.get("cohorts").size()).isEqualTo(expected.size()).isEqualTo(3); // the first quarter of 1997
        for (JsonNode cohort : table.get("cohorts")) {
            Map<Long, Set<String>> months = expected.get(YearMonth.parse(cohort.get("month").asString()));
            List<Long> active = cohort.get("active").valueStream().map(JsonNode::asLong).toList();
            for (int k = 0; k < active.size(); k++) {
                assertThat(active.get(k)).as("%s + %d", cohort.get("month"), k)
                    .isEqualTo(months.getOrDefault((long) k, Set.of()).size());
            }
            assertThat(cohort.get("customers").asLong()).isEqualTo(months.get(0L).size());
            assertThat(active).hasSize((int) ChronoUnit.MONTHS.between(YearMonth.parse(cohort.get("month").asString()),
                    YearMonth.from(asOf)) + 1);
        }
    }

    @Test
    void rfmScoresMatchAComputationStraightFromTheFile() {
        LocalDate asOf = LocalDate.parse("1997-12-31");
        Map<String, List<Purchase>> byCustomer = purchases.stream().filter(p -> !p.date().isAfter(asOf))
            .collect(Collectors.groupingBy(Purchase::customerId));
        Map<String, Integer> recency = scores(byCustomer, l -> l.stream().map(Purchase::date).max(LocalDate::compareTo).orElseThrow().toEpochDay());
        Map<String, Integer> frequency = scores(byCustomer, l -> (long) l.size());
        Map<String, Integer> monetary = scores(byCustomer, l -> l.stream().map(Purchase::dollars).reduce(BigDecimal.ZERO, BigDecimal::add)
            .movePointRight(4).longValueExact());
        assertThat(http.admin("POST", "/api/admin/insight/rfm?asOf=" + asOf).status()).isEqualTo(200);
        Map<String, String> stored = new HashMap<>();
        jdbc.query("SELECT c.external_id, r.recency, r.frequency, r.monetary FROM customer_rfm r JOIN customer c ON c.id = r.customer_id",
                (java.sql.ResultSet rs) -> {
                    stored.put(rs.getString(1), rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getInt(4));
                });
        Map<String, String> expected = byCustomer.keySet().stream().collect(Collectors.toMap(c -> c,
                c -> recency.get(c) + "/" + frequency.get(c) + "/" + monetary.get(c)));
        assertThat(stored).hasSize(23_570).isEqualTo(expected);
        // equal values, equal scores; every score is used
        assertThat(frequency.values()).contains(1, 5);
    }

    /** 1 + floor(5 * (customers with a strictly smaller value) / customers). */
    static Map<String, Integer> scores(Map<String, List<Purchase>> byCustomer, Function<List<Purchase>, Long> value) {
        Map<String, Long> values = byCustomer.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> value.apply(e.getValue())));
        long[] sorted = values.values().stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
            int worse = lowerBound(sorted, e.getValue());
            return 1 + (int) (5L * worse / n);
        }));
    }

    static int lowerBound(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            }
            else {
                hi = mid;
            }
        }
        return lo;
    }
}
