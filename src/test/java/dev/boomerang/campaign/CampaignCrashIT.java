package dev.boomerang.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.CampaignNodes;
import dev.boomerang.support.Http;
import dev.boomerang.support.PostgresDatabase;
import dev.boomerang.support.ScriptedGreenMail;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a crash: Boomerang runs as a separate process on PostgreSQL, is killed with SIGKILL in
 * the middle of a 10,000-recipient run, and is started again. The run completes; no address receives two
 * messages; every recipient is SENT or SKIPPED except the sends that were in flight, which are UNKNOWN, at most
 * one window of them, and listed by the ledger endpoint.
 */
class CampaignCrashIT {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();
    static final ScriptedGreenMail SMTP = new ScriptedGreenMail();

    @TempDir
    Path dir;

    @AfterAll
    static void cleanUp() {
        SMTP.stop();
        DATABASE.close();
    }

    @Test
    void aRunKilledMidwayCompletesAfterARestartAndNobodyGetsTwoMessages() throws Exception {
        SMTP.start();
        CampaignNodes.campaign(dir, "crash", """
                id: crash
                segment: { rule: { attribute: { name: group, in: [crash] } } }
                channel: email
                template: we-miss-you
                discount: { percent: 10 }
                """);
        CampaignNodes.Node first = CampaignNodes.start(dir, DATABASE, SMTP.port());
        CampaignNodes.Node second = null;
        try {
            CampaignNodes.customers(DATABASE, "crash", 10_000);
            Http.Response requested = first.http().admin("POST", "/api/admin/campaigns/crash/runs", "{}");
            assertThat(requested.status()).as(requested.body()).isEqualTo(202);
            String runId = requested.body().replaceAll(".*\"id\":(\\d+).*", "$1");

            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (SMTP.getReceivedMessages().length < 2_100 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no graceful anything
            first.process().waitFor(30, TimeUnit.SECONDS);
            int atKill = SMTP.getReceivedMessages().length;
            assertThat(atKill).as("killed in the middle").isBetween(2_100, 9_000);

            second = CampaignNodes.start(dir, DATABASE, SMTP.port());
            String status = "";
            deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (!status.contains("\"status\":\"COMPLETED\"") && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                status = second.http().admin("GET", "/api/admin/campaigns/crash/runs/" + runId).body();
            }
            assertThat(status).as("the run resumed and completed; node log:%n%s", second.output())
                .contains("\"status\":\"COMPLETED\"");

            Map<String, Integer> received = new HashMap<>();
            for (MimeMessage message : SMTP.getReceivedMessages()) {
                for (var to : message.getRecipients(Message.RecipientType.TO)) {
                    received.merge(to.toString(), 1, Integer::sum);
                }
            }
            assertThat(received.values()).as("no address receives two messages").allMatch(n -> n == 1);

            Map<String, Integer> byStatus = new HashMap<>();
            Set<String> sent = new HashSet<>();
            Set<String> unknown = new HashSet<>();
            try (Connection connection = DriverManager.getConnection(DATABASE.url(), DATABASE.user(), DATABASE.password());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT c.email, m.status FROM message m JOIN customer c"
                            + " ON c.id = m.customer_id WHERE m.run_id = " + runId)) {
                while (rows.next()) {
                    byStatus.merge(rows.getString(2), 1, Integer::sum);
                    (rows.getString(2).equals("SENT") ? sent : rows.getString(2).equals("UNKNOWN") ? unknown : new HashSet<String>())
                        .add(rows.getString(1));
                }
            }
            assertThat(byStatus.values().stream().mapToInt(Integer::intValue).sum()).as("one row per recipient").isEqualTo(10_000);
            assertThat(byStatus.keySet()).as("SENT, or UNKNOWN for the sends in flight").isSubsetOf("SENT", "UNKNOWN");
            assertThat(unknown.size()).as("at most one window (the default, 128) was in flight").isLessThanOrEqualTo(128);
            assertThat(received.keySet()).as("everyone SENT got it").containsAll(sent);
            Set<String> unexplained = new HashSet<>(received.keySet());
            unexplained.removeAll(sent);
            assertThat(unknown).as("what arrived without a SENT row was in flight").containsAll(unexplained);
            assertThat(sent.size() + unknown.size()).isEqualTo(10_000);
            Http.Response listed = second.http().admin("GET", "/api/admin/messages?campaign=crash&status=UNKNOWN&limit=1000");
            assertThat(listed.body().split("\"status\":\"UNKNOWN\"", -1).length - 1).as("the UNKNOWN are listed")
                .isEqualTo(unknown.size());
            System.out.printf("crash test: %d received at the kill, %d UNKNOWN, %d SENT%n", atKill, unknown.size(), sent.size());
        }
        finally {
            first.process().destroyForcibly();
            CampaignNodes.stop(second);
        }
    }
}
