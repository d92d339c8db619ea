package dev.boomerang.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.Http;
import dev.boomerang.support.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;

/**
 * Journeys end to end through the application, with a clock the test moves: the store's feed (carts, orders)
 * over HTTP, triggers over the admin API, ticks by hand, messages into the outbox. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "boomerang.campaign.directory=src/test/resources/flow-journeys",
        "boomerang.channels.email.adapter=outbox", "boomerang.channels.sms.adapter=outbox",
        "boomerang.policy.default-time-zone=Europe/Warsaw" })
@Import(FlowJourneysContract.Clocks.class)
abstract class FlowJourneysContract {

    /** 10:00 in Warsaw: SMS a day later are inside the allowed hours. */
    static final Instant T = Instant.parse("2026-06-15T08:00:00Z");
    static final String JSON = "application/json";

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(T);
        }
    }

    static void outbox(DynamicPropertyRegistry registry, String name) throws Exception {
        Path outbox = Files.createTempDirectory("outbox-" + name);
        registry.add("boomerang.channels.outbox.directory", outbox::toString);
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FlowControl flows;

    @Autowired
    MutableClock clock;

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void emptyStore() {
        for (String table : List.of("enrollment", "flow_state", "engagement_event", "message", "cart_item", "cart",
                "order_item", "orders", "customer_attribute", "consent_change", "customer")) {
            jdbc.update("DELETE FROM " + table);
        }
        clock.set(T);
        http = new Http(port);
        Http.Response r = http.ingest("POST", "/api/customers", "text/csv", """
                customer_id,email,phone,first_name,time_zone,email_consent,sms_consent
                c1,ann@example.com,+48600700801,Ann,Europe/Warsaw,yes,yes
                c2,bob@example.com,+48600700802,Bob,Europe/Warsaw,yes,yes
                c3,cid@example.com,+48600700803,Cid,Europe/Warsaw,yes,yes
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void cart(String cart, String customer) {
        Http.Response r = http.ingest("PUT", "/api/carts/" + cart, JSON, """
                {"customer_id": "%s", "items": [{"sku": "COF-1", "name": "Ethiopia", "category": "coffee", "quantity": 2, "price": "15.00"}]}"""
            .formatted(customer));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void order(String order, String customer) {
        Http.Response r = http.ingest("POST", "/api/orders", JSON, """
                [{"order_id": "%s", "customer_id": "%s", "placed_at": "%s", "total": "30.00", "items": []}]"""
            .formatted(order, customer, clock.instant()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** Moves the clock and ticks, as the scheduler would. */
    int tickAt(Duration sinceT) {
        clock.set(T.plus(sinceT));
        return flows.tick(clock.instant());
    }

    /** The ledger rows of a cart's journey: step and status, in order. */
    List<String> messagesOf(String cart) {
        return jdbc.queryForList("""
                SELECT m.step || ':' || m.status FROM message m JOIN enrollment e ON m.occurrence = 'j' || CAST(e.id AS VARCHAR(20))
                WHERE e.journey_key = ? ORDER BY m.id""", String.class, "cart:" + cart);
    }

    Map<String, Object> journey(String key) {
        return jdbc.queryForMap("SELECT status, exit_reason, step_index FROM enrollment WHERE journey_key = ?", key);
    }

    @Test
    void aCartWalksThroughBothStepsAndASecondCartOfTheCustomerHasItsOwnJourney() {
        cart("k1", "c1");
        assertThat(tickAt(Duration.ofMinutes(59))).as("not idle for an hour yet").isZero();
        assertThat(messagesOf("k1")).isEmpty();

        tickAt(Duration.ofHours(1));
        assertThat(messagesOf("k1")).containsExactly("step-1:SENT");
        assertThat(journey("cart:k1")).containsEntry("status", "ACTIVE");

        clock.set(T.plus(Duration.ofHours(2)));
        cart("k2", "c1");
        tickAt(Duration.ofHours(3));
        assertThat(messagesOf("k2")).containsExactly("step-1:SENT");

        tickAt(Duration.ofHours(23).plusMinutes(59));
        assertThat(messagesOf("k1")).as("the wait is 23 hours").containsExactly("step-1:SENT");
        tickAt(Duration.ofHours(24));
        assertThat(messagesOf("k1")).containsExactly("step-1:SENT", "sms-offer:SENT");
        assertThat(journey("cart:k1")).containsEntry("status", "COMPLETED");
        assertThat(messagesOf("k2")).containsExactly("step-1:SENT");
        assertThat(jdbc.queryForObject("SELECT discount_code FROM message WHERE step = 'sms-offer'", String.class))
            .as("a code of its own").matches("[A-Z2-9]{10}");

        tickAt(Duration.ofHours(26));
        assertThat(messagesOf("k2")).containsExactly("step-1:SENT", "sms-offer:SENT");
        tickAt(Duration.ofHours(48));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message", Integer.class)).as("nothing twice").isEqualTo(4);
    }

    @Test
    void anOrderBetweenTheStepsEndsTheJourneyBeforeTheText() {
        cart("k3", "c2");
        tickAt(Duration.ofHours(1));
        assertThat(messagesOf("k3")).containsExactly("step-1:SENT");

        clock.set(T.plus(Duration.ofHours(5)));
        order("o1", "c2");
        tickAt(Duration.ofHours(24));
        assertThat(messagesOf("k3")).containsExactly("step-1:SENT");
        assertThat(journey("cart:k3")).containsEntry("status", "EXITED").containsEntry("exit_reason", "order-placed");
    }

    @Test
    void unsubscribingDuringTheJourneyEndsItButConsentNeverGivenOnOneChannelOnlySkipsThatStep() {
        Http.Response r = http.ingest("POST", "/api/customers", "text/csv", """
                customer_id,sms_consent
                c3,no
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        clock.set(T.plus(Duration.ofMinutes(1)));
        cart("k7", "c1");
        cart("k8", "c3");
        tickAt(Duration.ofMinutes(61));
        assertThat(messagesOf("k7")).containsExactly("step-1:SENT");
        assertThat(messagesOf("k8")).as("no SMS consent before the journey: the email still goes").containsExactly("step-1:SENT");

        clock.set(T.plus(Duration.ofHours(5)));
        r = http.ingest("POST", "/api/customers", "text/csv", """
                customer_id,sms_consent
                c1,no
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        tickAt(Duration.ofHours(25));
        assertThat(journey("cart:k7")).containsEntry("status", "EXITED").containsEntry("exit_reason", "unsubscribed");
        assertThat(messagesOf("k7")).containsExactly("step-1:SENT");
        assertThat(messagesOf("k8")).containsExactly("step-1:SENT", "sms-offer:SKIPPED");
        assertThat(journey("cart:k8")).containsEntry("status", "COMPLETED");
    }

    @Test
    void anOrderStartsItsOwnJourneyAThankYouAfterThreeDaysAndAReviewRequestAWeekLater() {
        order("o7", "c1");
        clock.set(T.plus(Duration.ofHours(1)));
        order("o8", "c1");
        assertThat(jdbc.queryForList("SELECT journey_key FROM enrollment WHERE flow_id = 'post' ORDER BY id", String.class))
            .containsExactly("order:o7", "order:o8");
        tickAt(Duration.ofDays(3).minusMinutes(1));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE campaign_id = 'post'", Integer.class)).isZero();
        tickAt(Duration.ofDays(3).plusHours(1));
        tickAt(Duration.ofDays(10).plusHours(1));
        assertThat(jdbc.queryForList("SELECT step || ':' || status FROM message WHERE campaign_id = 'post' ORDER BY id",
                String.class)).containsExactly("thanks:SENT", "thanks:SENT", "review:SENT", "review:SENT");
    }

    @Test
    void aBirthdayStartsAJourneyOnTheDayInTheCustomersZoneAndTheBranchLeavesOutThoseWithoutEmailConsent() {
        jdbc.update("UPDATE customer SET birthday = DATE '1990-06-16' WHERE external_id IN ('c1', 'c2')");
        jdbc.update("UPDATE customer SET email_consent = FALSE WHERE external_id = 'c2'");
        jdbc.update("UPDATE customer SET birthday = DATE '1990-06-17' WHERE external_id = 'c3'");
        tickAt(Duration.ZERO);   // starts the hourly schedule
        tickAt(Duration.ofHours(15)); // 23:00 UTC on the 15th, 01:00 on the 16th in Warsaw: their birthday there
        assertThat(jdbc.queryForList("SELECT journey_key FROM enrollment WHERE flow_id = 'bday' ORDER BY journey_key",
                String.class)).hasSize(2).allMatch(k -> k.startsWith("birthday:") && k.endsWith(":2026"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE campaign_id = 'bday'", Integer.class))
            .as("due at 09:00 local").isZero();
        tickAt(Duration.ofHours(22)); // 06:00 UTC, 08:00 in Warsaw
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE campaign_id = 'bday'", Integer.class)).isZero();
        tickAt(Duration.ofHours(23)); // 07:00 UTC, 09:00 in Warsaw
        assertThat(jdbc.queryForList("""
                SELECT c.external_id || ':' || m.status FROM message m JOIN customer c ON c.id = m.customer_id
                WHERE m.campaign_id = 'bday'""", String.class)).containsExactly("c1:SENT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enrollment WHERE flow_id = 'bday' AND status = 'COMPLETED'",
                Integer.class)).isEqualTo(2);
        tickAt(Duration.ofHours(26));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enrollment WHERE flow_id = 'bday'", Integer.class))
            .as("once a year").isEqualTo(2);
    }

    @Test
    void aChangedCartRestartsItsIdleClock() {
        cart("k5", "c3");
        clock.set(T.plus(Duration.ofMinutes(50)));
        cart("k5", "c3");
        assertThat(tickAt(Duration.ofHours(1))).isZero();
        tickAt(Duration.ofMinutes(110));
        assertThat(messagesOf("k5")).containsExactly("step-1:SENT");
    }

    @Test
    void twentyConcurrentTriggersForOneCartMakeOneJourneyAndOneMessagePerStep() throws Exception {
        cart("k4", "c3");
        clock.set(T.plus(Duration.ofHours(2)));
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> http.admin("POST", "/api/admin/flows/cart/trigger", "{\"carts\": [\"k4\"]}"));
        }
        int enrolled = 0;
        try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
            for (Future<Http.Response> call : threads.invokeAll(calls)) {
                Http.Response r = call.get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                enrolled += r.body().contains("\"enrolled\":1") ? 1 : 0;
            }
        }
        assertThat(enrolled).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enrollment", Integer.class)).isEqualTo(1);

        List<Callable<Integer>> ticks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ticks.add(() -> flows.tick(clock.instant()));
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            threads.invokeAll(ticks);
        }
        tickAt(Duration.ofHours(25));
        tickAt(Duration.ofHours(26));
        assertThat(messagesOf("k4")).containsExactly("step-1:SENT", "sms-offer:SENT");
    }

    @Test
    void aDryRunSaysWhoWouldBeEnrolledAndWritesNothing() {
        cart("k6", "c1");
        clock.set(T.plus(Duration.ofHours(2)));
        Http.Response r = http.admin("POST", "/api/admin/flows/cart/trigger", "{\"dryRun\": true}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"enrolled\":1", "\"outcome\":\"would-enroll\"", "\"journeyKey\":\"cart:k6\"");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enrollment", Integer.class)).isZero();
        assertThat(http.admin("POST", "/api/admin/flows/carts/trigger", "{}").status()).isEqualTo(404);
    }

    @Test
    void winBackEnrolsExactlyTheCustomersNewlyMatchingItsSegment() {
        for (String c : List.of("c1", "c2")) {
            jdbc.update("INSERT INTO customer_attribute (customer_id, name, attr_value) SELECT id, 'group', 'lapsed' FROM customer"
                    + " WHERE external_id = ?", c);
        }
        tickAt(Duration.ZERO);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enrollment", Integer.class))
            .as("the first tick starts the schedule, it does not fire").isZero();
        tickAt(Duration.ofHours(1)); // 09:00 UTC: the check fires
        assertThat(jdbc.queryForList("SELECT journey_key FROM enrollment ORDER BY journey_key", String.class)).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE status = 'SENT'", Integer.class)).isEqualTo(2);

        jdbc.update("INSERT INTO customer_attribute (customer_id, name, attr_value) SELECT id, 'group', 'lapsed' FROM customer"
                + " WHERE external_id = 'c3'");
        tickAt(Duration.ofHours(2));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enrollment", Integer.class)).as("not before the next check").isEqualTo(2);
        tickAt(Duration.ofHours(25));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enrollment", Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM message m JOIN customer c ON c.id = m.customer_id WHERE c.external_id = 'c1'""",
                Integer.class)).as("those already under way are not enrolled again").isEqualTo(1);

        jdbc.update("DELETE FROM customer_attribute WHERE customer_id = (SELECT id FROM customer WHERE external_id = 'c2')");
        tickAt(Duration.ofDays(15));
        assertThat(journey("customer:" + jdbc.queryForObject("SELECT id FROM customer WHERE external_id = 'c2'", Long.class)))
            .containsEntry("status", "EXITED").containsEntry("exit_reason", "leaves-segment");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE step = 'offer' AND status = 'SENT'", Integer.class))
            .as("c1's offer after 14 days").isEqualTo(1);
    }
}
