package dev.boomerang.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.BoomerangProcess;
import dev.boomerang.support.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The shipped abandoned-cart flow on the embedded default, as the README runs it: the demo store seeded by a
 * first start (ticker off, so only the commands act), then {@code flows trigger abandoned-cart} and
 * {@code flows tick}: one journey per live cart idle for an hour with 10 or more in it, and an email in the outbox
 * for each whose customer can be emailed.
 */
class FlowsOnEmbeddedDefaultIT {

    static final Map<String, String> ENV = Map.of("BOOMERANG_ADMIN_PASSWORD", Http.ADMIN_PASSWORD,
            "BOOMERANG_FLOW_TICKER_ENABLED", "false");

    @TempDir
    Path dir;

    @Test
    void triggerAndTickWriteTheRemindersOfTheDemoStoresIdleCartsToTheOutbox() throws Exception {
        FileSystemUtils.copyRecursively(Path.of("config"), dir.resolve("config"));
        seedDemoStore();

        Instant before = Instant.now();
        BoomerangProcess.Result trigger = BoomerangProcess.run(dir, ENV, 3, "flows", "trigger", "abandoned-cart");
        Instant after = Instant.now();
        assertThat(trigger.exitCode()).as(trigger.output()).isZero();
        BoomerangProcess.Result tick = BoomerangProcess.run(dir, ENV, 3, "flows", "tick");
        assertThat(tick.exitCode()).as(tick.output()).isZero();

        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/boomerang"), "sa", "")) {
            long surelyIdle = idleCarts(db, before.minus(Duration.ofHours(1)));
            long maybeIdle = idleCarts(db, after.minus(Duration.ofHours(1)));
            long journeys = count(db, "SELECT COUNT(*) FROM enrollment WHERE flow_id = 'abandoned-cart'");
            assertThat(surelyIdle).as("the demo store has idle carts").isGreaterThan(50);
            assertThat(journeys).as(trigger.output()).isBetween(surelyIdle, maybeIdle);
            assertThat(count(db, """
                    SELECT COUNT(*) FROM enrollment e WHERE e.flow_id = 'abandoned-cart' AND e.status <> 'EXITED'
                      AND NOT EXISTS (SELECT 1 FROM message m WHERE m.occurrence = 'j' || CAST(e.id AS VARCHAR(20)))"""))
                .as("every journey sent its first step or ended before it").isZero();
            long emailable = count(db, """
                    SELECT COUNT(*) FROM enrollment e JOIN customer c ON c.id = e.customer_id
                    WHERE e.flow_id = 'abandoned-cart' AND c.email_consent = TRUE AND c.email IS NOT NULL
                      AND EXISTS (SELECT 1 FROM message m WHERE m.occurrence = 'j' || CAST(e.id AS VARCHAR(20)))
                      AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.channel = 'email' AND s.address = c.email)""");
            assertThat(emailable).isGreaterThan(journeys / 2);
            assertThat(count(db, "SELECT COUNT(*) FROM message WHERE campaign_id = 'abandoned-cart' AND status = 'SENT'"))
                .isEqualTo(emailable);
            try (Stream<Path> files = Files.walk(dir.resolve("outbox"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(emailable);
            }
        }
    }

    private static long idleCarts(Connection db, Instant idleSince) throws Exception {
        try (var statement = db.prepareStatement("""
                SELECT COUNT(*) FROM cart WHERE status IN ('open', 'abandoned') AND total >= 10 AND updated_at <= ?""")) {
            statement.setTimestamp(1, Timestamp.from(idleSince));
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A first start seeds the demo store; stopped once it answers. */
    private void seedDemoStore() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = BoomerangProcess.start(dir, ENV, "--server.port=" + port);
        try {
            Http http = new Http(port);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (Instant.now().isBefore(deadline) && server.isAlive()) {
                try {
                    if (http.admin("GET", "/api/customers/C00001").status() == 200) {
                        return;
                    }
                }
                catch (RuntimeException notYet) {
                    // still starting
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the demo store did not answer in 2 minutes");
        }
        finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
