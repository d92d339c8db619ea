package dev.boomerang.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.boomerang.campaign.internal.MissedFiresHandle;
import dev.boomerang.delivery.CampaignRuns;
import dev.boomerang.delivery.MessageStatus;
import dev.boomerang.delivery.Run;
import dev.boomerang.delivery.RunStatus;
import dev.boomerang.delivery.internal.SweeperHandle;
import dev.boomerang.support.Http;
import dev.boomerang.support.MutableClock;
import dev.boomerang.support.ScriptedGreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
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
 * Campaign runs end to end through the application, on a real SMTP server (GreenMail) and the outbox for SMS:
 * exactly one message to every customer the policies allow, a SKIPPED row with the reason for everyone else,
 * the holdout and the A/B split by their weights, frequency caps across overlapping campaigns, quiet hours in
 * the customer's zone, missed schedules, conflicts, dry runs and plans. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "boomerang.campaign.directory=src/test/resources/campaign-runs",
        "boomerang.policy.frequency-caps.email[0].max=2", "boomerang.policy.frequency-caps.email[0].per=7d",
        "boomerang.policy.default-time-zone=Europe/Warsaw",
        "boomerang.channels.email.adapter=smtp", "boomerang.channels.smtp.host=127.0.0.1",
        "boomerang.channels.smtp.tls=none", "boomerang.channels.smtp.limits.rate=0",
        "boomerang.channels.smtp.limits.concurrency=8", "boomerang.channels.sms.adapter=outbox" })
@Import({ TestClock.class, SweeperHandle.class, MissedFiresHandle.class })
abstract class CampaignRunContract {

    static final ScriptedGreenMail SMTP = new ScriptedGreenMail();
    static final Instant T = Instant.parse("2026-06-15T10:00:00Z");

    static {
        SMTP.start();
    }

    static void providers(DynamicPropertyRegistry registry, String name) throws Exception {
        registry.add("boomerang.channels.smtp.port", SMTP::port);
        Path outbox = Files.createTempDirectory("outbox-" + name);
        registry.add("boomerang.channels.outbox.directory", outbox::toString);
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CampaignRuns runs;

    @Autowired
    CampaignControl campaigns;

    @Autowired
    MutableClock clock;

    @Autowired
    Clock anyClock;

    @LocalServerPort
    int port;

    @BeforeEach
    void emptyStore() {
        for (String table : List.of("message", "run_audience", "campaign_run", "campaign_state", "suppression",
                "customer_attribute", "consent_change", "customer")) {
            jdbc.update("DELETE FROM " + table);
        }
        SMTP.clearScript(); // and the mailboxes
        clock.set(T);
    }

    /** Customers C1..Cn in a group; {@code shape} may change each one's columns before it is written. */
    void customers(String group, int count, BiConsumer<Integer, Map<String, Object>> shape) {
        List<Object[]> rows = new ArrayList<>();
        List<String> suppressed = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, Object> c = new HashMap<>();
            c.put("external_id", group + "-" + i);
            c.put("email", group + "-" + i + "@example.com");
            c.put("phone", "+4850010" + "%04d".formatted(i));
            c.put("email_consent", true);
            c.put("sms_consent", true);
            c.put("time_zone", "Europe/Warsaw");
            c.put("suppressed", false);
            shape.accept(i, c);
            if ((Boolean) c.get("suppressed")) {
                suppressed.add((String) c.get("email"));
            }
            rows.add(new Object[] { c.get("external_id"), c.get("email"), c.get("phone"), "Ann", "en-US",
                    c.get("time_zone"), c.get("email_consent"), c.get("sms_consent"), Timestamp.from(T), Timestamp.from(T) });
        }
        jdbc.batchUpdate("""
                INSERT INTO customer (external_id, email, phone, first_name, locale, time_zone, email_consent,
                                      sms_consent, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows);
        jdbc.update("INSERT INTO customer_attribute (customer_id, name, attr_value) SELECT id, 'group', ? FROM customer"
                + " WHERE external_id LIKE ?", group, group + "-%");
        for (String address : suppressed) {
            jdbc.update("INSERT INTO suppression (channel, address, reason, source, created_at) VALUES ('email', ?,"
                    + " 'bounced', 'test', ?)", address, Timestamp.from(T));
        }
    }

    Run runNow(String campaignId) {
        Run requested = campaigns.runNow(campaignId, false);
        return runs.execute(requested.id());
    }

    Map<String, Long> reasons(long runId) {
        Map<String, Long> reasons = new HashMap<>();
        jdbc.query("SELECT c.external_id, m.status, m.reason FROM message m JOIN customer c ON c.id = m.customer_id"
                + " WHERE m.run_id = ?", rs -> {
                    reasons.merge(rs.getString(2) + ":" + rs.getString(3), 1L, Long::sum);
                }, runId);
        return reasons;
    }

    @Test
    void tenThousandCustomersGetExactlyOneEmailEachAndEveryoneElseHasARowWithTheReason() throws Exception {
        customers("bulk", 10_000, (i, c) -> {
            switch (i % 20) {
                case 1 -> c.put("email_consent", false);
                case 2 -> c.put("email_consent", null);
                case 3 -> c.put("email", null);
                case 4 -> c.put("suppressed", true);
                default -> {
                }
            }
        });
        Run run = runNow("bulk");

        assertThat(run.status()).as(run.detail()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.audience()).isEqualTo(10_000);
        assertThat(runs.messages("bulk", null, MessageStatus.RETRY, 3)).as("nothing to retry").isEmpty();
        Map<String, String> expected = new HashMap<>();
        for (int i = 1; i <= 10_000; i++) {
            expected.put("bulk-" + i, switch (i % 20) {
                case 1, 2 -> "no-consent";
                case 3 -> "unreachable";
                case 4 -> "suppressed";
                default -> null;
            });
        }
        Map<String, String[]> ledger = new HashMap<>();
        jdbc.query("SELECT c.external_id, m.status, m.reason, m.variant, m.discount_code, m.template FROM message m"
                + " JOIN customer c ON c.id = m.customer_id WHERE m.run_id = ?", rs -> {
                    ledger.put(rs.getString(1), new String[] { rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6) });
                }, run.id());
        assertThat(ledger).as("one ledger row per member").hasSize(10_000);
        long holdout = 0;
        Map<String, Long> variants = new HashMap<>();
        List<String> sentTo = new ArrayList<>();
        for (var e : expected.entrySet()) {
            String[] row = ledger.get(e.getKey());
            if (e.getValue() != null) {
                assertThat(row).as(e.getKey()).containsSequence("SKIPPED", e.getValue());
            }
            else if ("holdout".equals(row[1])) {
                assertThat(row[0]).isEqualTo("SKIPPED");
                holdout++;
            }
            else {
                assertThat(row[0]).as(e.getKey()).isEqualTo("SENT");
                assertThat(row[3]).as("a unique code").matches("[A-Z2-9]{10}");
                variants.merge(row[2], 1L, Long::sum);
                sentTo.add(e.getKey() + "@example.com");
            }
        }
        long eligible = expected.values().stream().filter(v -> v == null).count();
        assertThat((double) holdout / eligible).as("holdout share").isCloseTo(0.10, within(0.02));
        assertThat((double) variants.get("a") / sentTo.size()).as("variant a's share").isCloseTo(0.30, within(0.02));
        assertThat((double) variants.get("b") / sentTo.size()).as("variant b's share").isCloseTo(0.70, within(0.02));

        Map<String, Integer> received = new HashMap<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            for (var to : message.getRecipients(Message.RecipientType.TO)) {
                received.merge(to.toString(), 1, Integer::sum);
            }
        }
        assertThat(received.values()).as("nobody gets two").allMatch(n -> n == 1);
        assertThat(received.keySet()).as("exactly the SENT rows").containsExactlyInAnyOrderElementsOf(sentTo);
        assertThat(run.messages().get(MessageStatus.SENT)).isEqualTo(sentTo.size());
        assertThat(run.skipped()).containsEntry("holdout", holdout).containsEntry("unreachable", 500L)
            .containsEntry("suppressed", 500L).containsEntry("no-consent", 1000L);

        Run again = runs.execute(run.id());
        assertThat(again.messages().get(MessageStatus.SENT)).as("executing a finished run sends nothing").isEqualTo(sentTo.size());
        assertThat(SMTP.getReceivedMessages()).hasSize(sentTo.size());
    }

    @Test
    void threeOverlappingCampaignsNeverPushAnyoneOverTheFrequencyCap() {
        customers("caps", 200, (i, c) -> {
        });
        List<Run> requested = Stream.of("cap-a", "cap-b", "cap-c").map(id -> campaigns.runNow(id, false)).toList();
        List<CompletableFuture<Run>> running = requested.stream()
            .map(r -> CompletableFuture.supplyAsync(() -> runs.execute(r.id()))).toList();
        running.forEach(CompletableFuture::join);
        assertThat(running).allSatisfy(r -> assertThat(r.join().status()).as(r.join().detail()).isEqualTo(RunStatus.COMPLETED));
        assertThat(runs.messages(null, null, MessageStatus.RETRY, 3)).as("nothing to retry").isEmpty();

        Map<Long, Long> sentPerCustomer = new HashMap<>();
        jdbc.query("SELECT customer_id, COUNT(*) FROM message WHERE status = 'SENT' GROUP BY customer_id",
                rs -> {
                    sentPerCustomer.put(rs.getLong(1), rs.getLong(2));
                });
        assertThat(sentPerCustomer).hasSize(200);
        assertThat(sentPerCustomer.values()).as("the cap is 2 emails per 7 days").allMatch(n -> n == 2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE status = 'SKIPPED' AND reason = 'frequency-cap'",
                Long.class)).isEqualTo(200);
        assertThat(SMTP.getReceivedMessages()).hasSize(400);
    }

    @Test
    void anSmsAtHalfPastNineInLosAngelesWaitsUntilEightThereAndIsSentThen() throws Exception {
        customers("quiet", 2, (i, c) -> c.put("time_zone", i == 1 ? "America/Los_Angeles" : "Asia/Tokyo"));
        ZoneId la = ZoneId.of("America/Los_Angeles");
        Instant halfPastNine = ZonedDateTime.of(2026, 6, 15, 21, 30, 0, 0, la).toInstant();
        clock.set(halfPastNine);
        Run run = runNow("quiet");

        var deferred = runs.messages("quiet", "quiet-1", null, 10).getFirst();
        assertThat(deferred.status()).isEqualTo(MessageStatus.DEFERRED);
        assertThat(deferred.reason()).isEqualTo("quiet-hours");
        Instant eight = ZonedDateTime.of(2026, 6, 16, 8, 0, 0, 0, la).toInstant();
        assertThat(runs.messages("quiet", "quiet-1", null, 10).getFirst().notBefore()).isEqualTo(eight);
        // in Tokyo it is 13:30: sent at once
        assertThat(runs.messages("quiet", "quiet-2", null, 10).getFirst().status()).isEqualTo(MessageStatus.SENT);
        assertThat(run.messages()).containsEntry(MessageStatus.DEFERRED, 1L).containsEntry(MessageStatus.SENT, 1L);

        clock.set(eight.minusSeconds(60));
        assertThat(sweeper().sweepNow()).isZero();
        clock.set(eight);
        assertThat(sweeper().sweepNow()).isEqualTo(1);
        assertThat(runs.messages("quiet", "quiet-1", null, 10).getFirst().status()).isEqualTo(MessageStatus.SENT);
        assertThat(sweeper().sweepNow()).as("sent once").isZero();
    }

    @Autowired
    SweeperHandle sweeperHandle;

    SweeperHandle sweeper() {
        return sweeperHandle;
    }

    @Test
    void aScheduleMissedByMoreThanTheMaximumAgeIsRecordedAndNotSent() throws Exception {
        customers("hourly", 5, (i, c) -> {
        });
        // the trigger was made at startup (real time); its next hours are H, H+1h, H+2h; it is now H+2h30
        Instant made = quartz.getTrigger(TriggerKey.triggerKey("hourly", "campaign")).getStartTime().toInstant();
        Instant nextHour = made.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        clock.set(nextHour.plus(Duration.ofMinutes(150)));
        int handled = missedFires().reconcileNow();

        List<Run> hourly = runs.runs("hourly", 10);
        assertThat(handled).isEqualTo(3);
        List<Run> missed = hourly.stream().filter(r -> r.status() == RunStatus.MISSED).toList();
        assertThat(missed).as("fire times older than an hour").extracting(Run::asOf)
            .containsExactlyInAnyOrder(nextHour, nextHour.plus(Duration.ofHours(1)));
        assertThat(missed).allSatisfy(r -> {
            assertThat(r.detail()).contains("not sent late");
            assertThat(r.messages()).isEmpty();
        });
        assertThat(hourly).as("the one within the hour is run late")
            .anyMatch(r -> r.status() == RunStatus.PENDING && r.asOf().equals(nextHour.plus(Duration.ofHours(2))));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message", Long.class)).isZero();
        assertThat(missedFires().reconcileNow()).as("recorded once").isZero();
    }

    @Autowired
    MissedFiresHandle missedFiresHandle;

    @Autowired
    Scheduler quartz;

    MissedFiresHandle missedFires() {
        return missedFiresHandle;
    }

    @Test
    void theApiRunsPlansPausesAndRefusesASecondRunWhileOneIsInProgress() throws Exception {
        customers("small", 30, (i, c) -> c.put("email_consent", i > 5));
        Http http = new Http(port);

        Http.Response plan = http.admin("GET", "/api/admin/campaigns/small/plan");
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.body()).contains("\"audience\":30").contains("\"wouldSend\":25").contains("\"no-consent\":5");

        Http.Response dry = http.admin("POST", "/api/admin/campaigns/small/runs", "{\"dryRun\": true}");
        assertThat(dry.status()).as(dry.body()).isEqualTo(202);
        long dryId = Long.parseLong(dry.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
        Http.Response busy = http.admin("POST", "/api/admin/campaigns/small/runs", "{\"dryRun\": false}");
        assertThat(busy.status()).as("a run is pending").isEqualTo(409);
        Run dryRun = runs.execute(dryId);
        assertThat(dryRun.messages()).containsEntry(MessageStatus.DRY_RUN, 25L);
        assertThat(SMTP.getReceivedMessages()).as("a dry run sends nothing").isEmpty();

        assertThat(http.admin("POST", "/api/admin/campaigns/small/pause").status()).isEqualTo(200);
        assertThat(http.admin("POST", "/api/admin/campaigns/small/runs", "{}").status()).as("paused").isEqualTo(409);
        assertThat(http.admin("GET", "/api/admin/campaigns").body()).contains("\"paused\":true");
        assertThat(http.admin("POST", "/api/admin/campaigns/small/resume").status()).isEqualTo(200);

        Http.Response real = http.admin("POST", "/api/admin/campaigns/small/runs", "{}");
        assertThat(real.status()).as(real.body()).isEqualTo(202);
        long realId = Long.parseLong(real.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
        long started = System.nanoTime();
        runs.execute(realId);
        assertThat(runs.messages("small", null, MessageStatus.RETRY, 3)).as("nothing to retry").isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("rate-limit: 20/s holds 25 messages back")
            .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        Http.Response account = http.admin("GET", "/api/admin/campaigns/small/runs/" + realId);
        assertThat(account.body()).contains("\"status\":\"COMPLETED\"").contains("\"SENT\":25").contains("\"no-consent\":5");
        Http.Response why = http.admin("GET", "/api/admin/messages?campaign=small&customer=small-1");
        assertThat(why.body()).contains("\"status\":\"SKIPPED\"").contains("\"reason\":\"no-consent\"");
        assertThat(http.admin("GET", "/api/admin/campaigns/nope/plan").status()).isEqualTo(404);
        assertThat(SMTP.getReceivedMessages()).hasSize(25);
    }
}
