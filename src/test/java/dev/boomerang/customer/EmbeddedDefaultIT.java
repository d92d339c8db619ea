package dev.boomerang.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.BoomerangProcess;
import dev.boomerang.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A newcomer's first start: the packaged jar in an empty folder, on the embedded default, serves the demo
 * store within half a minute of the JVM's start; a restart keeps the data and seeds nothing again. A quiet
 * 2-core machine answers in 13-15 s (context 9 s, demo store 4 s); the bound leaves room for a CI machine
 * still busy with the previous test's PostgreSQL work, and still catches a start that went from seconds to
 * minutes.
 */
class EmbeddedDefaultIT {

    @TempDir
    Path dir;

    @Test
    void aFreshStartServesTheDemoStoreWithinHalfAMinuteAndARestartKeepsIt() throws Exception {
        List<JsonNode> first = startAndFetch(Duration.ofSeconds(30));
        assertThat(first).allSatisfy(c -> assertThat(c.get("email").asString()).endsWith("@example.com"));
        assertThat(first).as("customers with order history in %s", first)
            .filteredOn(c -> c.get("orders").get("orderCount").asInt() > 0).hasSizeGreaterThan(5);
        List<JsonNode> again = startAndFetch(Duration.ofSeconds(30));
        assertThat(again.getFirst().get("createdAt").asString()).as("not seeded twice")
            .isEqualTo(first.getFirst().get("createdAt").asString());
    }

    /** Starts the jar, waits for the demo store's first customer, and reads the first ten. */
    private List<JsonNode> startAndFetch(Duration limit) throws Exception {
        String customer = "C00001";
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long started = System.nanoTime();
        Process process = BoomerangProcess.start(dir, Map.of("BOOMERANG_ADMIN_PASSWORD", Http.ADMIN_PASSWORD),
                "--server.port=" + port);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread pump = Thread.ofVirtual().start(() -> copy(process.getInputStream(), log));
        try {
            Http http = new Http(port);
            Http.Response response = null;
            while (System.nanoTime() - started < limit.toNanos() && process.isAlive()) {
                try {
                    response = http.admin("GET", "/api/customers/" + customer);
                    if (response.status() == 200) {
                        break;
                    }
                }
                catch (RuntimeException notYetListening) {
                    // the server is still starting
                }
                Thread.sleep(100);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("first answer from the demo store after %d ms%n", took.toMillis());
            assertThat(response).as("no answer within %s; log:%n%s", limit, log).isNotNull();
            assertThat(response.status()).as("after %s; log:%n%s", took, log).isEqualTo(200);
            assertThat(took).isLessThanOrEqualTo(limit);
            List<JsonNode> customers = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                Http.Response c = http.admin("GET", "/api/customers/C%05d".formatted(i));
                assertThat(c.status()).isEqualTo(200);
                customers.add(JsonMapper.builder().build().readTree(c.body()));
            }
            return customers;
        }
        finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            pump.join(5000);
            String output = log.toString(StandardCharsets.UTF_8);
            assertThat(output).as("no personal data in the log").doesNotContain("@example.com").doesNotContain("+48");
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        }
        catch (IOException ex) {
            // the process ended
        }
    }
}
