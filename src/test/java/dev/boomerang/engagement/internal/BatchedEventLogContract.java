package dev.boomerang.engagement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.engagement.EngagementEvent;
import dev.boomerang.engagement.EventKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The event log loses nothing: many threads record through a queue far smaller than what they record (so they
 * wait for the writer), and stopping the log (as a graceful shutdown does) writes whatever is still queued. Every
 * field arrives as recorded, on each database's own insert path (a VALUES list on H2, arrays on PostgreSQL).
 */
@SpringBootTest
@TestPropertySource(properties = { "boomerang.engagement.events.queue-capacity=100",
        "boomerang.engagement.events.batch-size=64" })
abstract class BatchedEventLogContract {

    static final Instant AT = Instant.parse("2026-06-15T10:00:00Z");

    @Autowired
    BatchedEventLog log;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyEventRecordedByManyThreadsIsStoredOnceTheLogStops() throws Exception {
        jdbc.update("DELETE FROM engagement_event");
        long customer = customer("c1");
        long message = sentMessage("spring", customer);
        List<Callable<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            writers.add(() -> {
                for (int i = 0; i < 2_500; i++) {
                    log.record(i % 2 == 0 ? EngagementEvent.ofMessage(EventKind.OPENED, message, null, AT, "test")
                            : new EngagementEvent(EventKind.BOUNCED, null, customer, null, null, AT, "test"));
                }
                return null;
            });
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (var done : threads.invokeAll(writers)) {
                done.get();
            }
        }
        log.stop();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM engagement_event", Long.class)).isEqualTo(20_000);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM engagement_event WHERE kind = 'opened' AND campaign_id = 'spring'"
                + " AND customer_id = ?", Long.class, customer)).as("filled in from the ledger").isEqualTo(10_000);
        log.record(new EngagementEvent(EventKind.COMPLAINED, null, customer, null, null, AT, "test"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM engagement_event WHERE kind = 'complained'", Long.class))
            .as("after the stop an event is written at once").isEqualTo(1);
        log.start();
    }

    @Test
    void everyFieldOfAMessageEventIsStoredAsRecorded() {
        long customer = customer("c2");
        long message = sentMessage("autumn", customer);
        Instant clicked = Instant.parse("2026-06-16T23:59:59.123456Z");
        log.record(EngagementEvent.ofMessage(EventKind.CLICKED, message, 3, clicked, "web"));
        log.record(EngagementEvent.ofMessage(EventKind.OPENED, message, null, AT, "web"));
        log.record(EngagementEvent.ofMessage(EventKind.OPENED, message + 1000, null, AT, "web"));
        log.flush();
        assertThat(jdbc.query("""
                SELECT kind, customer_id, campaign_id, link_position, occurred_at, source FROM engagement_event
                WHERE message_id = ? ORDER BY kind""", (rs, n) -> List.of(rs.getString(1), rs.getLong(2), rs.getString(3),
                        String.valueOf(rs.getObject(4)), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6)),
                message)).containsExactly(
                        List.of("clicked", customer, "autumn", "3", clicked, "web"),
                        List.of("opened", customer, "autumn", "null", AT, "web"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM engagement_event WHERE message_id = ?", Long.class, message + 1000))
            .as("an event of a message the ledger does not hold is dropped, not stored without customer").isZero();
    }

    long customer(String externalId) {
        jdbc.update("INSERT INTO customer (external_id, created_at, updated_at) VALUES (?, ?, ?)", externalId,
                AT.atOffset(ZoneOffset.UTC), AT.atOffset(ZoneOffset.UTC));
        return jdbc.queryForObject("SELECT id FROM customer WHERE external_id = ?", Long.class, externalId);
    }

    /** A sent email of {@code campaign} in the ledger: what opens and clicks name. */
    long sentMessage(String campaign, long customer) {
        jdbc.update("""
                INSERT INTO message (campaign_id, occurrence, customer_id, step, channel, status, created_at, updated_at)
                VALUES (?, 'o1', ?, 'send', 'email', 'SENT', ?, ?)""", campaign, customer, AT.atOffset(ZoneOffset.UTC),
                AT.atOffset(ZoneOffset.UTC));
        return jdbc.queryForObject("SELECT id FROM message WHERE campaign_id = ?", Long.class, campaign);
    }
}
