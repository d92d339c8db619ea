package dev.boomerang.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.CampaignNodes;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journey survives its node: Boomerang runs as a separate process on PostgreSQL, sends the first step of 200
 * abandoned-cart journeys, is killed with SIGKILL while they wait, and is started again. The second step goes
 * out after the wait; nobody gets the first step twice.
 */
class FlowRestartIT {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();
    static final ScriptedGreenMail SMTP = new ScriptedGreenMail();
    static final int CARTS = 200;
    static final Map<String, String> FAST_TICKS = Map.of("BOOMERANG_FLOW_TICK_EVERY", "1s");

    @TempDir
    Path dir;

    @AfterAll
    static void cleanUp() {
        SMTP.stop();
        DATABASE.close();
    }

    @Test
    void aNodeKilledBetweenStepsResumesTheJourneysWithoutRepeatingASentStep() throws Exception {
        SMTP.start();
        CampaignNodes.campaign(dir, "restart", """
                id: restart
                trigger: { cart-abandoned: { idle-for: 1h } }
                steps:
                  - send: { id: first, channel: email, template: cart-reminder }
                  - wait: 1m
                  - send: { id: second, channel: email, template: cart-reminder }
                exit-when: [ order-placed ]
                """);
        CampaignNodes.Node first = CampaignNodes.start(dir, DATABASE, SMTP.port(), FAST_TICKS);
        CampaignNodes.Node second = null;
        try {
            CampaignNodes.customers(DATABASE, "restart", CARTS);
            abandonedCarts();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (SMTP.getReceivedMessages().length < CARTS && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(SMTP.getReceivedMessages()).as("the first step went to every cart").hasSize(CARTS);
            first.process().destroyForcibly(); // SIGKILL, during the one-minute wait
            first.process().waitFor(30, TimeUnit.SECONDS);

            second = CampaignNodes.start(dir, DATABASE, SMTP.port(), FAST_TICKS);
            deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (SMTP.getReceivedMessages().length < 2 * CARTS && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            Thread.sleep(3000); // a few more ticks: anything sent twice would arrive now

            Map<String, Integer> perAddress = new HashMap<>();
            for (Message message : SMTP.getReceivedMessages()) {
                perAddress.merge(((MimeMessage) message).getAllRecipients()[0].toString(), 1, Integer::sum);
            }
            assertThat(perAddress).hasSize(CARTS);
            assertThat(perAddress.values()).as("each journey's two steps, once each").containsOnly(2);
            assertThat(counts("SELECT step || ':' || status, COUNT(*) FROM message GROUP BY step, status"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("first:SENT", (long) CARTS, "second:SENT", (long) CARTS));
            assertThat(counts("SELECT status, COUNT(*) FROM enrollment GROUP BY status"))
                .containsExactlyEntriesOf(Map.of("COMPLETED", (long) CARTS));
        }
        finally {
            CampaignNodes.stop(first);
            CampaignNodes.stop(second);
        }
    }

    private static void abandonedCarts() throws Exception {
        try (Connection connection = DriverManager.getConnection(DATABASE.url(), DATABASE.user(), DATABASE.password());
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO cart (external_id, customer_id, status, total, currency, updated_at, created_at)
                    SELECT 'k-' || id, id, 'abandoned', 30, 'USD', now() - interval '2 hours', now() - interval '2 hours'
                    FROM customer""");
            statement.executeUpdate("""
                    INSERT INTO cart_item (cart_id, sku, name, category, quantity, price)
                    SELECT id, 'COF-1', 'Ethiopia', 'coffee', 2, 15 FROM cart""");
        }
    }

    private static Map<String, Long> counts(String sql) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(DATABASE.url(), DATABASE.user(), DATABASE.password());
                Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
