package dev.boomerang.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.CampaignNodes;
import dev.boomerang.support.PostgresDatabase;
import dev.boomerang.support.ScriptedGreenMail;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Boomerang processes on one PostgreSQL database, a campaign firing every 10 seconds for two minutes:
 * every occurrence runs exactly once (Quartz's clustered store fires each trigger on one node), and every
 * recipient gets exactly one message per occurrence.
 */
class CampaignClusterIT {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();
    static final ScriptedGreenMail SMTP = new ScriptedGreenMail();
    static final int CUSTOMERS = 40;

    @TempDir
    Path dir;

    @AfterAll
    static void cleanUp() {
        SMTP.stop();
        DATABASE.close();
    }

    @Test
    void twoNodesRunEachOccurrenceOnceAndEachRecipientGetsOneMessagePerOccurrence() throws Exception {
        SMTP.start();
        String campaign = """
                id: every-ten-seconds
                segment: { rule: { attribute: { name: group, in: [cluster] } } }
                channel: email
                template: we-miss-you
                discount: { percent: 10 }
                schedule: { cron: "0/10 * * * * ?", zone: UTC }
                """;
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        CampaignNodes.campaign(a, "every-ten-seconds", campaign);
        CampaignNodes.campaign(b, "every-ten-seconds", campaign);
        CampaignNodes.Node first = CampaignNodes.start(a, DATABASE, SMTP.port());
        CampaignNodes.Node second = null;
        try {
            second = CampaignNodes.start(b, DATABASE, SMTP.port());
            CampaignNodes.customers(DATABASE, "cluster", CUSTOMERS);
            Thread.sleep(120_000);
            CampaignNodes.stop(first);
            CampaignNodes.stop(second);

            List<String[]> runs = new ArrayList<>();
            Map<String, Integer> sentPerOccurrence = new HashMap<>();
            Map<String, Integer> sentPerAddress = new HashMap<>();
            try (Connection connection = DriverManager.getConnection(DATABASE.url(), DATABASE.user(), DATABASE.password());
                    Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT occurrence, status, audience FROM campaign_run ORDER BY occurrence")) {
                    while (rows.next()) {
                        runs.add(new String[] { rows.getString(1), rows.getString(2), String.valueOf(rows.getLong(3)) });
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT occurrence, COUNT(*) FROM message WHERE status = 'SENT'"
                        + " GROUP BY occurrence")) {
                    while (rows.next()) {
                        sentPerOccurrence.put(rows.getString(1), rows.getInt(2));
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT c.email, COUNT(*) FROM message m JOIN customer c"
                        + " ON c.id = m.customer_id WHERE m.status = 'SENT' GROUP BY c.email")) {
                    while (rows.next()) {
                        sentPerAddress.put(rows.getString(1), rows.getInt(2));
                    }
                }
            }
            // the customers are written in one transaction after both nodes are up: the first occurrences select nobody
            List<String[]> completed = runs.stream().filter(r -> r[1].equals("COMPLETED") && !r[2].equals("0")).toList();
            assertThat(runs).as("an audience is everyone or nobody").allSatisfy(r -> assertThat(r[2]).isIn("0", "" + CUSTOMERS));
            assertThat(completed.size()).as("about one occurrence per 10 s over two minutes: %s",
                    runs.stream().map(r -> r[0] + " " + r[1] + " " + r[2]).toList()).isGreaterThanOrEqualTo(9);
            assertThat(completed).allSatisfy(r -> assertThat(sentPerOccurrence.get(r[0])).as(r[0]).isEqualTo(CUSTOMERS));
            Map<String, Integer> received = new HashMap<>();
            for (MimeMessage message : SMTP.getReceivedMessages()) {
                for (var to : message.getRecipients(Message.RecipientType.TO)) {
                    received.merge(to.toString(), 1, Integer::sum);
                }
            }
            assertThat(received).hasSize(CUSTOMERS);
            // the nodes were stopped at some moment: a run in progress then may have sent to some only; every
            // message that arrived has its SENT row and no more
            assertThat(received).as("one message per recipient per occurrence it was sent in").isEqualTo(sentPerAddress);
            assertThat(first.output() + second.output()).as("no personal data in the logs").doesNotContain("@example.com");
        }
        finally {
            CampaignNodes.stop(first);
            CampaignNodes.stop(second);
        }
    }
}
