package dev.boomerang.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.PostgresDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingest contract on PostgreSQL, the production database, in a database of its own; and, on PostgreSQL only,
 * a batch of orders larger than the store's, which builds the order indexes again after its merge (from 200 orders
 * here).
 */
@ActiveProfiles({ "test", "postgres" })
class StoreIngestOnPostgresTest extends StoreIngestContract {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> "ingest-pg");
        registry.add("boomerang.customer.rebuild-indexes-from", () -> "200");
    }

    @AfterAll
    static void dropDatabase() {
        // the context is cached and may still hold connections; DROP ... WITH (FORCE) ends them
        DATABASE.close();
    }

    /** Each index of orders: its definition and the oid, which a drop and create changes. */
    Map<String, String> orderIndexes() {
        return jdbc.query("SELECT indexname, indexdef || ' #' || to_regclass(quote_ident(indexname))::oid"
                + " FROM pg_indexes WHERE tablename = 'orders'", rs -> {
                    Map<String, String> found = new java.util.TreeMap<>();
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                    return found;
                });
    }

    static String definition(String withOid) {
        return withOid.substring(0, withOid.lastIndexOf(" #"));
    }

    /** {@code n} orders, alternately for c1 and c2, each of 1.50. */
    static String orders(String prefix, int n) {
        StringBuilder csv = new StringBuilder("order_id,customer_id,placed_at,total\n");
        for (int i = 0; i < n; i++) {
            csv.append(prefix).append(i).append(i % 2 == 0 ? ",c1," : ",c2,").append("2026-01-")
                .append(String.format("%02d", i % 28 + 1)).append(",1.50\n");
        }
        return csv.toString();
    }

    @Test
    void aBatchLargerThanTheStoredOrdersBuildsTheirIndexesAgainAsDeclaredAndALaterSmallerOneMaintainsThem() {
        twoCustomers();
        freshStatistics();
        Map<String, String> before = orderIndexes();
        assertThat(before).containsKeys("orders_customer_placed_total_idx", "orders_placed_customer_total_idx",
                "orders_discount_code_idx");

        assertThat(post("/api/orders", CSV, orders("a", 500)).status()).isEqualTo(200);
        Map<String, String> rebuilt = orderIndexes();
        assertThat(rebuilt.keySet()).isEqualTo(before.keySet());
        rebuilt.forEach((name, now) -> assertThat(definition(now)).as(name).isEqualTo(definition(before.get(name))));
        assertThat(rebuilt.get("orders_placed_customer_total_idx")).as("built again: a new oid")
            .isNotEqualTo(before.get("orders_placed_customer_total_idx"));
        assertThat(rebuilt.get("orders_pkey")).as("keys stay").isEqualTo(before.get("orders_pkey"));
        assertThat(rebuilt.get("orders_external_id_key")).as("the merge's key stays")
            .isEqualTo(before.get("orders_external_id_key"));
        assertThat(count("orders")).isEqualTo(500);
        assertThat(customerRow("c1").get("order_count")).isEqualTo(250);

        waitForLiveOrders(200, Long.MAX_VALUE);
        assertThat(post("/api/orders", CSV, orders("b", 200)).status()).isEqualTo(200);
        assertThat(orderIndexes()).as("200 orders into 500: maintained, not built again").isEqualTo(rebuilt);
        assertThat(count("orders")).isEqualTo(700);
        assertThat(customerRow("c2").get("order_count")).isEqualTo(350);
    }

    @Test
    void aRejectedLargeBatchLeavesTheIndexesAsTheyWere() {
        twoCustomers();
        freshStatistics();
        Map<String, String> before = orderIndexes();
        String withAStranger = orders("a", 300).replace("a7,c2,", "a7,ghost,");
        assertThat(post("/api/orders", CSV, withAStranger).status()).isEqualTo(422);
        assertThat(orderIndexes()).isEqualTo(before);
        assertThat(count("orders")).isZero();
    }

    @Test
    void largeBatchesArrivingTogetherTakeTurnsAndAllLand() throws Exception {
        twoCustomers();
        freshStatistics();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String batch : List.of("x", "y", "z")) {
                answers.add(pool.submit(() -> post("/api/orders", CSV, orders(batch, 300)).status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }
        assertThat(count("orders")).isEqualTo(900);
        assertThat(customerRow("c1").get("order_count")).isEqualTo(450);
        assertThat((BigDecimal) customerRow("c2").get("total_spent")).isEqualByComparingTo("675");
    }

    /**
     * The orders' statistics as autovacuum would leave them after the deletes of earlier tests: the ingest decides
     * by them whether it outnumbers the store.
     */
    void freshStatistics() {
        jdbc.execute("ANALYZE orders");
        waitForLiveOrders(0, 0);
    }

    /**
     * Until PostgreSQL's count of live orders, which the ingest decides by, is between the two: the statistics
     * reach other sessions within about a second of a commit.
     */
    void waitForLiveOrders(long least, long most) {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        List<Long> live = List.of();
        while (Instant.now().isBefore(until)) {
            live = jdbc.queryForList("SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'orders'",
                    Long.class);
            if (!live.isEmpty() && live.getFirst() >= least && live.getFirst() <= most) {
                return;
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the statistics never counted from " + least + " to " + most + " orders: " + live);
    }
}
