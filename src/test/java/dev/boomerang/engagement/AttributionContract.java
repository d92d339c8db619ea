package dev.boomerang.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.campaign.CampaignControl;
import dev.boomerang.customer.OrderPlaced;
import dev.boomerang.delivery.CampaignRuns;
import dev.boomerang.delivery.Run;
import dev.boomerang.delivery.RunStatus;
import dev.boomerang.support.Http;
import dev.boomerang.support.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attribution, lift and reports over the running application: a campaign run with a 50% holdout and two
 * variants, then a script of clicks, opens and orders through the order API, with the attributions, the holdout
 * lift, the report and the timeline checked to the number. The customers have fixed ids, so the stable hashes
 * put the same customers in the holdout and the same variants on every database: 13 treated and 17 held out. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "boomerang.campaign.directory=src/test/resources/attribution-campaigns",
        "boomerang.channels.email.adapter=outbox", "boomerang.channels.sms.adapter=outbox" })
@Import(AttributionClock.class)
abstract class AttributionContract {

    static final Instant T = Instant.parse("2026-06-15T10:00:00Z");
    static final int CUSTOMERS = 30;

    static void outbox(DynamicPropertyRegistry registry, String name) throws Exception {
        Path outbox = Files.createTempDirectory("outbox-" + name);
        registry.add("boomerang.channels.outbox.directory", outbox::toString);
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CampaignControl campaigns;

    @Autowired
    CampaignRuns runs;

    @Autowired
    EventLog events;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEventPublisher publisher;

    @LocalServerPort
    int port;

    final ObjectMapper mapper = JsonMapper.builder().build();

    @BeforeEach
    void emptyStore() {
        events.flush();
        for (String table : List.of("attribution", "engagement_event", "order_item", "orders", "message", "run_audience",
                "campaign_run", "customer_attribute", "consent_change", "customer")) {
            jdbc.update("DELETE FROM " + table);
        }
        clock.set(T);
    }

    /** Customers attr-1..attr-30 with ids 9001..9030, all with email consent. */
    void customers() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= CUSTOMERS; i++) {
            rows.add(new Object[] { 9000 + i, "attr-" + i, "attr-" + i + "@example.com", Timestamp.from(T), Timestamp.from(T) });
        }
        jdbc.batchUpdate("""
                INSERT INTO customer (id, external_id, email, first_name, locale, time_zone, email_consent, sms_consent,
                                      created_at, updated_at)
                VALUES (?, ?, ?, 'Ann', 'en-US', 'Europe/Warsaw', TRUE, FALSE, ?, ?)
                """, rows);
        jdbc.update("INSERT INTO customer_attribute (customer_id, name, attr_value) SELECT id, 'group', 'attr' FROM customer"
                + " WHERE external_id LIKE 'attr-%'");
    }

    /** External ids of the run's audience on one side of the holdout, in id order. */
    List<String> audience(long runId, boolean holdout) {
        return jdbc.queryForList("""
                SELECT c.external_id FROM run_audience a JOIN customer c ON c.id = a.customer_id
                WHERE a.run_id = ? AND a.holdout = ? ORDER BY c.id""", String.class, runId, holdout);
    }

    long messageOf(String customer) {
        return jdbc.queryForObject("SELECT m.id FROM message m JOIN customer c ON c.id = m.customer_id"
                + " WHERE c.external_id = ?", Long.class, customer);
    }

    String variantOf(String customer) {
        return jdbc.queryForObject("SELECT m.variant FROM message m JOIN customer c ON c.id = m.customer_id"
                + " WHERE c.external_id = ?", String.class, customer);
    }

    void event(EventKind kind, String customer, Instant at) {
        events.record(EngagementEvent.ofMessage(kind, messageOf(customer), kind == EventKind.CLICKED ? 0 : null, at, "web"));
    }

    /** An order through the ingest API, the clock set to its time. */
    void order(String id, String customer, Instant placedAt, String total, String code) {
        clock.set(placedAt.plusSeconds(1));
        String json = """
                [{"order_id": "%s", "customer_id": "%s", "placed_at": "%s", "total": "%s", "currency": "USD"%s}]"""
            .formatted(id, customer, placedAt, total, code == null ? "" : ", \"discount_code\": \"" + code + "\"");
        Http.Response r = new Http(port).ingest("POST", "/api/orders", "application/json", json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    Map<String, Object> attribution(String orderId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT a.basis, a.message_id, a.campaign_id, a.revenue FROM attribution a
                JOIN orders o ON o.id = a.order_id WHERE o.external_id = ?""", orderId);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    JsonNode get(String path) {
        Http.Response r = new Http(port).admin("GET", path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    @Test
    void clicksViewsCodesAndTheHoldoutGiveTheExpectedAttributionsLiftReportAndTimeline() {
        customers();
        Run run = runs.execute(campaigns.runNow("winback", false).id());
        assertThat(run.status()).as(run.detail()).isEqualTo(RunStatus.COMPLETED);
        List<String> treated = audience(run.id(), false);
        List<String> holdout = audience(run.id(), true);
        assertThat(treated).as("the stable hash's treated group").hasSize(13);
        assertThat(holdout).hasSize(17);

        String clicker = treated.get(0);      // clicks a day after the send, orders a day later
        String late = treated.get(1);         // orders six days after the send, nothing in between
        String coder = treated.get(2);        // orders with the message's code a month later
        String viewer = treated.get(3);       // orders four days after the send, no click
        String bounced = treated.get(4);
        event(EventKind.OPENED, clicker, T.plus(Duration.ofHours(20)));
        event(EventKind.OPENED, clicker, T.plus(Duration.ofHours(21)));
        event(EventKind.CLICKED, clicker, T.plus(Duration.ofDays(1)));
        event(EventKind.OPENED, viewer, T.plus(Duration.ofDays(2)));
        event(EventKind.UNSUBSCRIBED, late, T.plus(Duration.ofDays(3)));
        event(EventKind.BOUNCED, bounced, T.plus(Duration.ofMinutes(5)));
        events.flush();

        order("o-click", clicker, T.plus(Duration.ofDays(2)), "100.00", null);
        order("o-holdout-1", holdout.get(0), T.plus(Duration.ofDays(1)), "50.00", null);
        order("o-holdout-2", holdout.get(1), T.plus(Duration.ofDays(3)), "30.00", null);
        order("o-holdout-3", holdout.get(1), T.plus(Duration.ofDays(3).plusHours(1)), "20.00", null);
        order("o-view", viewer, T.plus(Duration.ofDays(4)), "40.00", null);
        order("o-late", late, T.plus(Duration.ofDays(6)), "70.00", null);
        String code = jdbc.queryForObject("SELECT discount_code FROM message WHERE id = ?", String.class, messageOf(coder));
        order("o-code", coder, T.plus(Duration.ofDays(30)), "55.50", code.toLowerCase(java.util.Locale.ROOT));

        assertThat(attribution("o-click")).containsEntry("BASIS", "click").containsEntry("MESSAGE_ID", messageOf(clicker));
        assertThat(attribution("o-view")).containsEntry("BASIS", "view").containsEntry("MESSAGE_ID", messageOf(viewer));
        assertThat(attribution("o-code")).containsEntry("BASIS", "code").containsEntry("MESSAGE_ID", messageOf(coder));
        assertThat(attribution("o-late")).as("after the click and view windows").isNull();
        assertThat(attribution("o-holdout-1")).as("the holdout got no message").isNull();
        assertThat(converted())
            .isEqualTo(3);

        // the same order heard again is credited once
        long clickOrder = jdbc.queryForObject("SELECT id FROM orders WHERE external_id = 'o-click'", Long.class);
        long clickerId = jdbc.queryForObject("SELECT id FROM customer WHERE external_id = ?", Long.class, clicker);
        publisher.publishEvent(new OrderPlaced(clickOrder, "o-click", clickerId, clicker, T.plus(Duration.ofDays(2)),
                new BigDecimal("100.00"), "USD", null));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM attribution", Long.class)).isEqualTo(3);
        assertThat(converted())
            .isEqualTo(3);

        clock.set(T.plus(Duration.ofDays(31)));
        JsonNode report = get("/api/admin/campaigns/winback/report");
        JsonNode overall = report.get("overall");
        assertThat(overall.get("sent").asLong()).isEqualTo(13);
        assertThat(overall.get("delivered").asLong()).as("sent emails without a bounce").isEqualTo(12);
        assertThat(overall.get("bounced").asLong()).isEqualTo(1);
        assertThat(overall.get("uniqueOpens").asLong()).isEqualTo(2);
        assertThat(overall.get("uniqueClicks").asLong()).isEqualTo(1);
        assertThat(overall.get("unsubscribes").asLong()).isEqualTo(1);
        assertThat(overall.get("conversions").asLong()).isEqualTo(3);
        assertThat(overall.get("revenue").decimalValue()).isEqualByComparingTo("195.50");
        assertThat(overall.get("rates").get("conversions").asDouble()).isEqualTo(3.0 / 13);
        assertThat(overall.get("rates").get("clicks").asDouble()).isEqualTo(1.0 / 13);

        // the stable hash puts clicker, viewer and bounced in variant a, coder and late in b
        assertThat(List.of(variantOf(clicker), variantOf(viewer), variantOf(bounced), variantOf(coder), variantOf(late)))
            .containsExactly("a", "a", "a", "b", "b");
        String a = "a sent=7 delivered=6 bounced=1 opens=2 clicks=1 unsubscribes=0 conversions=2 revenue=140.00";
        String b = "b sent=6 delivered=6 bounced=0 opens=0 clicks=0 unsubscribes=1 conversions=1 revenue=55.50";
        assertThat(report.get("variants")).extracting(AttributionContract::counts).containsExactly(a, b);
        JsonNode runReport = report.get("runs").get(0);
        assertThat(runReport.get("runId").asLong()).isEqualTo(run.id());
        assertThat(runReport.get("metrics").get("conversions").asLong()).isEqualTo(3);
        assertThat(runReport.get("variants")).as("one run: its variants are the campaign's")
            .extracting(AttributionContract::counts).containsExactly(a, b);
        JsonNode lift = runReport.get("lift");
        assertThat(lift.get("complete").asBoolean()).isTrue();
        assertThat(lift.get("windowEnd").asString()).isEqualTo("2026-06-20T10:00:00Z");
        // treated: 13, converters clicker (100) and viewer (40); late and coder ordered after the window
        assertThat(lift.get("treated").get("recipients").asLong()).isEqualTo(13);
        assertThat(lift.get("treated").get("converters").asLong()).isEqualTo(2);
        assertThat(lift.get("treated").get("revenue").decimalValue()).isEqualByComparingTo("140.00");
        // holdout: 17, converters holdout-0 (50) and holdout-1 (30 + 20)
        assertThat(lift.get("holdout").get("recipients").asLong()).isEqualTo(17);
        assertThat(lift.get("holdout").get("converters").asLong()).isEqualTo(2);
        assertThat(lift.get("holdout").get("revenue").decimalValue()).isEqualByComparingTo("100.00");
        // 2/13 - 2/17 = 0.036199; se = sqrt((2/13)(11/13)/13 + (2/17)(15/17)/17) = 0.126964; 1.959964 se = 0.248845
        JsonNode rate = lift.get("conversionRate");
        assertThat(rate.get("estimate").asDouble()).isCloseTo(0.0361990950, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(rate.get("low").asDouble()).isCloseTo(-0.2126461, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(rate.get("high").asDouble()).isCloseTo(0.2850443, org.assertj.core.api.Assertions.within(1e-6));
        // 140/13 - 100/17 = 4.886878; Welch over (100, 40, 0 x 11) and (50, 50, 0 x 15): df 17.93 (scipy.stats)
        JsonNode revenue = lift.get("revenuePerRecipient");
        assertThat(revenue.get("estimate").asDouble()).isCloseTo(4.8868778281, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(revenue.get("low").asDouble()).isCloseTo(WELCH_LOW, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(revenue.get("high").asDouble()).isCloseTo(WELCH_HIGH, org.assertj.core.api.Assertions.within(1e-6));

        JsonNode timeline = get("/api/admin/customers/" + clicker + "/timeline");
        List<String> lines = new ArrayList<>();
        for (JsonNode e : timeline.get("entries")) {
            lines.add(e.get("type").asString() + ":" + (e.has("event") ? e.get("event").asString()
                    : e.has("basis") ? e.get("basis").asString() : e.get("status").asString()));
        }
        assertThat(lines).containsExactly("attribution:click", "event:converted", "event:clicked", "event:opened",
                "event:opened", "message:SENT");
        JsonNode first = timeline.get("entries").get(0);
        assertThat(first.get("orderId").asString()).isEqualTo("o-click");
        assertThat(first.get("revenue").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(first.get("campaignId").asString()).isEqualTo("winback");
        assertThat(get("/api/admin/customers/" + clicker + "/timeline?limit=2").get("entries")).hasSize(2);
        JsonNode held = get("/api/admin/customers/" + holdout.get(0) + "/timeline").get("entries");
        assertThat(held).hasSize(1);
        assertThat(held.get(0).get("reason").asString()).isEqualTo("holdout");

        Http http = new Http(port);
        assertThat(http.admin("GET", "/api/admin/campaigns/nope/report").status()).isEqualTo(404);
        assertThat(http.admin("GET", "/api/admin/customers/nobody/timeline").status()).isEqualTo(404);
        assertThat(http.send("GET", "/api/admin/campaigns/winback/report", null, null).status())
            .as("admins only").isEqualTo(401);
    }

    /** The {@code converted} events stored, once the event log has written what it was given. */
    long converted() {
        events.flush();
        return jdbc.queryForObject("SELECT COUNT(*) FROM engagement_event WHERE kind = 'converted'", Long.class);
    }

    /** A variant's counts on one line. */
    static String counts(JsonNode variant) {
        JsonNode m = variant.get("metrics");
        return "%s sent=%d delivered=%d bounced=%d opens=%d clicks=%d unsubscribes=%d conversions=%d revenue=%s".formatted(
                variant.get("variant").asString(), m.get("sent").asLong(), m.get("delivered").asLong(),
                m.get("bounced").asLong(), m.get("uniqueOpens").asLong(), m.get("uniqueClicks").asLong(),
                m.get("unsubscribes").asLong(), m.get("conversions").asLong(),
                m.get("revenue").decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString());
    }

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void anOrderWhoseAttributionFailsStaysStoredAndCostsTheOtherOrdersOfItsBatchNothingAndARollbackAttributesNothing() {
        customers();
        long runId = runs.execute(campaigns.runNow("winback", false).id()).id();
        List<String> treated = audience(runId, false);
        Instant placed = T.plus(Duration.ofDays(1));
        // published as the ingest does, in its transaction: an order the attribution cannot store (a currency
        // longer than its column) and a good one
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            publisher.publishEvent(storedOrder("o-broken", treated.get(0), placed, "NOT-A-CURRENCY"));
            publisher.publishEvent(storedOrder("o-good", treated.get(1), placed, "USD"));
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class)).as("both orders stored").isEqualTo(2);
        assertThat(attribution("o-broken")).isNull();
        assertThat(attribution("o-good")).containsEntry("BASIS", "view").containsEntry("MESSAGE_ID", messageOf(treated.get(1)));
        assertThat(converted())
            .as("nothing half-written").isEqualTo(1);

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            publisher.publishEvent(storedOrder("o-rolled-back", treated.get(2), placed, "USD"));
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM attribution", Long.class))
            .as("an ingest that rolled back attributes nothing").isEqualTo(1);
    }

    @Test
    void aSharedCampaignCodeGoesToTheCustomersOwnMessageElseToTheLatestSentWithIt() {
        jdbc.update("""
                INSERT INTO customer (id, external_id, email, first_name, locale, time_zone, email_consent, sms_consent,
                                      created_at, updated_at)
                VALUES (9101, 'summer-1', 'summer-1@example.com', 'Ann', 'en-US', 'UTC', TRUE, FALSE, ?, ?),
                       (9102, 'summer-2', 'summer-2@example.com', 'Ann', 'en-US', 'UTC', TRUE, FALSE, ?, ?),
                       (9103, 'friend', 'friend@example.com', 'Ann', 'en-US', 'UTC', TRUE, FALSE, ?, ?)
                """, Timestamp.from(T), Timestamp.from(T), Timestamp.from(T), Timestamp.from(T), Timestamp.from(T),
                Timestamp.from(T));
        jdbc.update("INSERT INTO customer_attribute (customer_id, name, attr_value) VALUES (9101, 'group', 'summer'),"
                + " (9102, 'group', 'summer')");
        runs.execute(campaigns.runNow("summer", false).id());
        // summer-2's message goes out an hour later, so it is the latest sent with the code
        jdbc.update("UPDATE message SET sent_at = ? WHERE customer_id = 9102", Timestamp.from(T.plus(Duration.ofHours(1))));

        order("s-own", "summer-1", T.plus(Duration.ofDays(20)), "25.00", "summer10");
        order("s-friend", "friend", T.plus(Duration.ofDays(21)), "35.00", "SUMMER10");
        order("s-early", "friend", T.plus(Duration.ofMinutes(30)), "15.00", "SUMMER10");

        assertThat(attribution("s-own")).as("outside the 2-day window, by its code")
            .containsEntry("BASIS", "code").containsEntry("MESSAGE_ID", messageOf("summer-1"));
        assertThat(attribution("s-friend")).as("no message of their own: the latest sent with the code")
            .containsEntry("BASIS", "code").containsEntry("MESSAGE_ID", messageOf("summer-2"));
        assertThat(attribution("s-early")).as("only messages sent before the order count")
            .containsEntry("MESSAGE_ID", messageOf("summer-1"));
        // the first events of a fresh database: on H2 writing them must not wait on the ingest's connection
        assertThat(converted()).isEqualTo(3);
    }

    /** Writes an order row in the current transaction and returns its event, as the ingest would publish it. */
    OrderPlaced storedOrder(String orderId, String customer, Instant placed, String currency) {
        long customerId = jdbc.queryForObject("SELECT id FROM customer WHERE external_id = ?", Long.class, customer);
        jdbc.update("INSERT INTO orders (external_id, customer_id, placed_at, total, currency, created_at)"
                + " VALUES (?, ?, ?, 10, 'USD', ?)", orderId, customerId, Timestamp.from(placed), Timestamp.from(placed));
        long id = jdbc.queryForObject("SELECT id FROM orders WHERE external_id = ?", Long.class, orderId);
        return new OrderPlaced(id, orderId, customerId, customer, placed, BigDecimal.TEN, currency, null);
    }

    static final double WELCH_LOW = -14.0169505115;
    static final double WELCH_HIGH = 23.7907061676;
}
