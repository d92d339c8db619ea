package dev.boomerang.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Boomerang nodes as separate processes (the packaged jar) on one PostgreSQL database, sending email into a
 * test SMTP server: for the tests that kill a node mid-run or run two at once.
 */
public final class CampaignNodes {

    /** A running node and its output. */
    public record Node(Process process, int port, ByteArrayOutputStream log) {

        public Http http() {
            return new Http(port);
        }

        public String output() {
            synchronized (log) {
                return log.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private CampaignNodes() {
    }

    /** Writes the campaign's file into {@code dir/config/campaigns}. */
    public static void campaign(Path dir, String id, String yaml) throws IOException {
        Path folder = dir.resolve("config/campaigns");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(id + ".yml"), yaml);
    }

    /** Starts a node in {@code dir} and waits until it answers (at most two minutes). */
    public static Node start(Path dir, PostgresDatabase database, int smtpPort) throws Exception {
        return start(dir, database, smtpPort, Map.of());
    }

    /** As {@link #start(Path, PostgresDatabase, int)}, with more settings in the environment. */
    public static Node start(Path dir, PostgresDatabase database, int smtpPort, Map<String, String> settings)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(BoomerangProcess.postgres(database));
        env.put("BOOMERANG_ADMIN_PASSWORD", Http.ADMIN_PASSWORD);
        env.put("BOOMERANG_TEMPLATE_INSTALL_EXAMPLES", "true");
        env.put("BOOMERANG_CHANNELS_EMAIL_ADAPTER", "smtp");
        env.put("BOOMERANG_CHANNELS_SMTP_HOST", "127.0.0.1");
        env.put("BOOMERANG_CHANNELS_SMTP_PORT", String.valueOf(smtpPort));
        env.put("BOOMERANG_CHANNELS_SMTP_TLS", "none");
        env.put("BOOMERANG_CHANNELS_SMTP_LIMITS_RATE", "0");
        env.putAll(settings);
        Process process = BoomerangProcess.start(dir, env, "--server.port=" + port);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[8192];
            try (var in = process.getInputStream()) {
                for (int n; (n = in.read(buffer)) > 0;) {
                    synchronized (log) {
                        log.write(buffer, 0, n);
                    }
                }
            }
            catch (IOException ended) {
                // the process ended
            }
        });
        Node node = new Node(process, port, log);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node stopped:\n" + node.output());
            }
            try {
                if (node.http().admin("GET", "/api/admin/campaigns").status() == 200) {
                    return node;
                }
            }
            catch (RuntimeException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the node did not answer in 2 minutes:\n" + node.output());
    }

    public static void stop(Node node) throws InterruptedException {
        if (node != null && node.process().isAlive()) {
            node.process().destroy();
            if (!node.process().waitFor(30, TimeUnit.SECONDS)) {
                node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Customers {@code prefix-1..count}, consented, with attribute group = {@code group}; written straight into the database. */
    public static void customers(PostgresDatabase database, String group, int count) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            connection.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO customer (external_id, email, first_name, locale, time_zone, email_consent, created_at, updated_at)
                    VALUES (?, ?, 'Ann', 'en-US', 'Europe/Warsaw', TRUE, ?, ?)""")) {
                for (int i = 1; i <= count; i++) {
                    insert.setString(1, group + "-" + i);
                    insert.setString(2, group + "-" + i + "@example.com");
                    insert.setTimestamp(3, now);
                    insert.setTimestamp(4, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement attribute = connection.prepareStatement("INSERT INTO customer_attribute (customer_id, name,"
                    + " attr_value) SELECT id, 'group', ? FROM customer WHERE external_id LIKE ?")) {
                attribute.setString(1, group);
                attribute.setString(2, group + "-%");
                attribute.executeUpdate();
            }
            connection.commit();
        }
    }
}
