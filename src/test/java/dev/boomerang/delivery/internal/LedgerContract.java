package dev.boomerang.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.delivery.MessageStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger's two transitions a send makes, on each database's own path (a JDBC batch on H2, one statement over
 * arrays on PostgreSQL): a claim moves only rows still sendable and counts the attempt; an outcome lands only on a
 * CLAIMED row, with every field as given.
 */
@SpringBootTest
abstract class LedgerContract {

    static final Instant CREATED = Instant.parse("2026-06-15T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-06-15T10:05:00.123456Z");

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    long customer;

    @BeforeEach
    void aCustomer() {
        jdbc.update("DELETE FROM message");
        jdbc.update("DELETE FROM customer");
        jdbc.update("INSERT INTO customer (external_id, created_at, updated_at) VALUES ('c1', ?, ?)", utc(CREATED),
                utc(CREATED));
        customer = jdbc.queryForObject("SELECT id FROM customer WHERE external_id = 'c1'", Long.class);
    }

    @Test
    void aClaimTakesOnlyRowsStillToSendAndCountsTheirAttempt() {
        Map<MessageStatus, Long> rows = rows(MessageStatus.PLANNED, MessageStatus.DEFERRED, MessageStatus.RETRY,
                MessageStatus.SKIPPED, MessageStatus.CLAIMED, MessageStatus.UNKNOWN, MessageStatus.SENT);
        List<Long> claimed = ledger.claim(pending(rows.values()), NOW);
        assertThat(claimed).containsExactlyInAnyOrder(rows.get(MessageStatus.PLANNED), rows.get(MessageStatus.DEFERRED),
                rows.get(MessageStatus.RETRY));
        assertThat(jdbc.queryForList("SELECT status || ' ' || attempts FROM message ORDER BY id", String.class))
            .containsExactly("CLAIMED 1", "CLAIMED 1", "CLAIMED 1", "SKIPPED 0", "CLAIMED 0", "UNKNOWN 0", "SENT 0");
        assertThat(jdbc.queryForObject("SELECT updated_at FROM message WHERE id = ?", OffsetDateTime.class,
                rows.get(MessageStatus.PLANNED)).toInstant()).isEqualTo(NOW);
        assertThat(ledger.claim(pending(rows.values()), NOW)).as("a row is claimed once").isEmpty();
        assertThat(ledger.claim(List.of(), NOW)).isEmpty();
    }

    @Test
    void anOutcomeLandsOnlyOnAClaimedRowWithEveryFieldAsGiven() {
        Map<MessageStatus, Long> rows = rows(MessageStatus.PLANNED, MessageStatus.DEFERRED, MessageStatus.RETRY,
                MessageStatus.SKIPPED);
        long sent = rows.get(MessageStatus.PLANNED);
        long retry = rows.get(MessageStatus.DEFERRED);
        long rejected = rows.get(MessageStatus.RETRY);
        long skipped = rows.get(MessageStatus.SKIPPED);
        ledger.claim(pending(List.of(sent, retry, rejected)), CREATED);
        Instant later = Instant.parse("2026-06-15T10:06:00.654321Z");
        // words a provider might answer with: quotes, braces, commas and a backslash (an array literal's own
        // characters), letters beyond ASCII, and more than the column holds
        String words = "550 5.1.1 \"{mailbox}\", unknown\\ — Postfach unbekannt ";
        String longWords = words.repeat(20);
        ledger.complete(List.of(
                new Ledger.Outcome(sent, MessageStatus.SENT, null, null, "smtp", "<m1@boomerang>", null),
                new Ledger.Outcome(retry, MessageStatus.RETRY, "recipient-busy", "451 try later", "smtp", null, later),
                new Ledger.Outcome(rejected, MessageStatus.REJECTED, "suppress-address", longWords, "smtp", null, null),
                new Ledger.Outcome(skipped, MessageStatus.SENT, null, null, "smtp", "<never@boomerang>", null)), NOW);
        assertThat(row(sent)).containsExactly("SENT", null, null, "smtp", "<m1@boomerang>", null, NOW, NOW);
        assertThat(row(retry)).containsExactly("RETRY", "recipient-busy", "451 try later", "smtp", null, later, null, NOW);
        assertThat(row(rejected)).containsExactly("REJECTED", "suppress-address", longWords.substring(0, 500), "smtp",
                null, null, null, NOW);
        assertThat(row(skipped)).as("only a claimed row takes an outcome")
            .containsExactly("SKIPPED", "test", null, null, null, null, null, CREATED);
        ledger.complete(List.of(new Ledger.Outcome(sent, MessageStatus.FAILED, "error", "late", null, null, null)), later);
        assertThat(row(sent).getFirst()).as("a row takes one outcome").isEqualTo("SENT");
    }

    /** One message row per status, in the order given, each for a campaign of its own. */
    private Map<MessageStatus, Long> rows(MessageStatus... statuses) {
        List<Ledger.NewMessage> messages = new ArrayList<>();
        for (MessageStatus status : statuses) {
            messages.add(new Ledger.NewMessage("c-" + status.name().toLowerCase(), "o1", customer, Ledger.STEP, null,
                    "email", "a", "t", status, status == MessageStatus.SKIPPED ? "test" : null, null,
                    status == MessageStatus.DEFERRED || status == MessageStatus.RETRY ? CREATED : null, null));
        }
        ledger.insert(messages, CREATED);
        Map<MessageStatus, Long> ids = new java.util.LinkedHashMap<>();
        Arrays.stream(statuses).forEach(s -> ids.put(s, jdbc.queryForObject("SELECT id FROM message WHERE campaign_id = ?",
                Long.class, "c-" + s.name().toLowerCase())));
        return ids;
    }

    private List<Ledger.Pending> pending(java.util.Collection<Long> ids) {
        return ids.stream().map(id -> new Ledger.Pending(id, customer, "c", Ledger.STEP, 0, "email", "a", "t", null, 0,
                null)).toList();
    }

    private List<Object> row(long id) {
        return jdbc.queryForObject("""
                SELECT status, reason, detail, adapter, provider_id, not_before, sent_at, updated_at FROM message
                WHERE id = ?""", (rs, n) -> Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), RunStore.instant(rs, 6), RunStore.instant(rs, 7),
                        RunStore.instant(rs, 8)), id);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
