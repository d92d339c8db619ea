package dev.boomerang.delivery.internal;

import static dev.boomerang.delivery.internal.RunStore.instant;
import static dev.boomerang.delivery.internal.RunStore.utc;

import dev.boomerang.customer.StoreDatabase;
import dev.boomerang.delivery.Broadcast;
import dev.boomerang.delivery.LedgerEntry;
import dev.boomerang.delivery.MessageStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send ledger's statements (DESIGN.md section 4). Every transition is a conditional UPDATE from the state
 * it leaves, so a row can only move forward, and only once.
 */
@Component
class Ledger {

    static final String STEP = Broadcast.STEP;

    /** A decided message, before it is written. */
    record NewMessage(String campaignId, String occurrence, long customerId, String step, Long runId, String channel,
            String variant, String template, MessageStatus status, String reason, String discountCode,
            Instant notBefore, String cartExternalId) {
    }

    /** A message to send: PLANNED, or DEFERRED/RETRY and due. {@code runId} is 0 for a flow's message. */
    record Pending(long id, long customerId, String campaignId, String step, long runId, String channel, String variant,
            String template, String discountCode, int attempts, String cartExternalId) {
    }

    /** What became of a claimed message. */
    record Outcome(long id, MessageStatus status, String reason, String detail, String adapter, String providerId,
            Instant notBefore) {
    }

    /*
     * A campaign changes every message's row twice, claim and outcome. As a JDBC batch of one-row UPDATEs that was
     * 57 and 70 us of PostgreSQL per row (pg_stat_statements, bench/campaign.sh), most of it each statement's own
     * execution rather than the row's change, and the largest part of the database's work in a run. On PostgreSQL
     * a batch is one statement over arrays; H2 keeps the JDBC batch. Each is planned afresh: a plan cached while the
     * table was small reads all of it (a sequential scan), and kept as the table grows took 0.75 ms a row at 180,000.
     */
    private static final String CLAIM_POSTGRES = """
            UPDATE message SET status = 'CLAIMED', attempts = attempts + 1, updated_at = ?
            WHERE id = ANY (?) AND status IN ('PLANNED', 'DEFERRED', 'RETRY')
            RETURNING id""";
    private static final String COMPLETE_POSTGRES = """
            UPDATE message m SET status = o.status, reason = o.reason, detail = o.detail, adapter = o.adapter,
                   provider_id = o.provider_id, not_before = CAST(o.not_before AS TIMESTAMP WITH TIME ZONE),
                   sent_at = CASE WHEN o.status = 'SENT' THEN CAST(? AS TIMESTAMP WITH TIME ZONE) END,
                   updated_at = CAST(? AS TIMESTAMP WITH TIME ZONE)
            FROM unnest(CAST(? AS BIGINT[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]),
                        CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]))
                 AS o(id, status, reason, detail, adapter, provider_id, not_before)
            WHERE m.id = o.id AND m.status = 'CLAIMED'""";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final StoreDatabase database;
    private final TransactionTemplate transactions;

    Ledger(JdbcTemplate jdbc, StoreDatabase database, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.database = database;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Locks the customers' rows until the transaction ends: runs deciding for the same customer take turns. */
    void lockCustomers(Collection<Long> customerIds) {
        named.queryForList("SELECT id FROM customer WHERE id IN (:ids) ORDER BY id FOR UPDATE",
                new MapSqlParameterSource("ids", customerIds), Long.class);
    }

    /** Of these customers, those who already have a row for the occurrence (decided before a restart). */
    Set<Long> decided(String campaignId, String occurrence, Collection<Long> customerIds) {
        return new HashSet<>(named.queryForList("""
                SELECT customer_id FROM message
                WHERE campaign_id = :campaign AND occurrence = :occurrence AND step = :step AND customer_id IN (:ids)
                """, new MapSqlParameterSource("campaign", campaignId).addValue("occurrence", occurrence)
                    .addValue("step", STEP).addValue("ids", customerIds), Long.class));
    }

    /** The highest customer id with a row for the occurrence, or -1: where an interrupted dispatch had got to. */
    long highestDecided(String campaignId, String occurrence) {
        Long highest = jdbc.queryForObject("SELECT MAX(customer_id) FROM message WHERE campaign_id = ? AND occurrence = ?",
                Long.class, campaignId, occurrence);
        return highest == null ? -1 : highest;
    }

    /** How many messages count against a cap per customer: sent, possibly sent or due, since {@code since}. */
    List<long[]> recent(Collection<Long> customerIds, String channel, Instant since) {
        return named.query("""
                SELECT customer_id, COUNT(*) FROM message
                WHERE customer_id IN (:ids) AND channel = :channel AND created_at > :since AND status IN (:counted)
                GROUP BY customer_id
                """, new MapSqlParameterSource("ids", customerIds).addValue("channel", channel)
                    .addValue("since", utc(since)).addValue("counted", DispatchPolicy.COUNTED),
                (rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) });
    }

    void insert(List<NewMessage> messages, Instant now) {
        jdbc.batchUpdate("""
                INSERT INTO message (campaign_id, occurrence, customer_id, step, run_id, channel, variant, template,
                                     status, reason, discount_code, not_before, created_at, updated_at, cart_external_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, messages, 1000, (ps, m) -> {
            ps.setString(1, m.campaignId());
            ps.setString(2, m.occurrence());
            ps.setLong(3, m.customerId());
            ps.setString(4, m.step());
            ps.setObject(5, m.runId());
            ps.setString(6, m.channel());
            ps.setString(7, m.variant());
            ps.setString(8, m.template());
            ps.setString(9, m.status().name());
            ps.setString(10, m.reason());
            ps.setString(11, m.discountCode());
            ps.setObject(12, utc(m.notBefore()));
            ps.setObject(13, utc(now));
            ps.setObject(14, utc(now));
            ps.setString(15, m.cartExternalId());
        });
    }

    private static final String PENDING_COLUMNS = "id, customer_id, campaign_id, step, run_id, channel, variant, template,"
            + " discount_code, attempts, cart_external_id";

    /**
     * The run's next PLANNED messages after message {@code afterId}, in id order. Starting after the last one
     * taken matters: each message sent leaves a dead PLANNED entry in the index this reads (until a vacuum), and a
     * read from the start of the run would step over all of them.
     */
    List<Pending> planned(long runId, long afterId, int limit) {
        return jdbc.query("SELECT " + PENDING_COLUMNS + " FROM message WHERE run_id = ? AND status = 'PLANNED'"
                + " AND id > ? ORDER BY id LIMIT ?", Ledger::pending, runId, afterId, limit);
    }

    /** Of these messages, those still PLANNED, in id order. */
    List<Pending> plannedByIds(Collection<Long> ids) {
        return named.query("SELECT " + PENDING_COLUMNS + " FROM message WHERE id IN (:ids) AND status = 'PLANNED' ORDER BY id",
                new MapSqlParameterSource("ids", ids), Ledger::pending);
    }

    /** Flows' PLANNED messages (no run) written before {@code before}: left by a node that stopped before sending them. */
    List<Pending> plannedWithoutRun(Instant before, int limit) {
        return jdbc.query("SELECT " + PENDING_COLUMNS + " FROM message WHERE status = 'PLANNED' AND run_id IS NULL"
                + " AND created_at < ? ORDER BY id LIMIT ?", Ledger::pending, utc(before), limit);
    }

    /** DEFERRED and RETRY messages whose time has come, oldest first; on PostgreSQL rows other nodes hold are passed over. */
    List<Pending> due(Instant now, int limit, boolean skipLocked) {
        return jdbc.query("SELECT " + PENDING_COLUMNS + " FROM message WHERE status IN ('DEFERRED', 'RETRY')"
                + " AND not_before <= ? ORDER BY not_before, id LIMIT ? FOR UPDATE" + (skipLocked ? " SKIP LOCKED" : ""),
                Ledger::pending, utc(now), limit);
    }

    /**
     * Claims messages for sending: committed before the provider is called. Only rows still in a sendable state
     * move; returns the ids claimed.
     */
    List<Long> claim(List<Pending> messages, Instant now) {
        if (messages.isEmpty()) {
            return List.of();
        }
        if (database.isPostgres()) {
            Long[] ids = messages.stream().map(Pending::id).toArray(Long[]::new);
            return transactions.execute(status -> {
                database.planEachStatementAfresh(jdbc);
                return jdbc.query(connection -> {
                    PreparedStatement claim = connection.prepareStatement(CLAIM_POSTGRES);
                    claim.setObject(1, utc(now));
                    claim.setArray(2, connection.createArrayOf("bigint", ids));
                    return claim;
                }, (rs, n) -> rs.getLong(1));
            });
        }
        int[][] counts = jdbc.batchUpdate("""
                UPDATE message SET status = 'CLAIMED', attempts = attempts + 1, updated_at = ?
                WHERE id = ? AND status IN ('PLANNED', 'DEFERRED', 'RETRY')
                """, messages, 1000, (ps, m) -> {
            ps.setObject(1, utc(now));
            ps.setLong(2, m.id());
        });
        List<Long> claimed = new ArrayList<>();
        int i = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                // a driver may answer SUCCESS_NO_INFO (-2) for a batched row; H2 and PostgreSQL give counts
                if (count != 0) {
                    claimed.add(messages.get(i).id());
                }
                i++;
            }
        }
        return claimed;
    }

    void complete(List<Outcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        if (database.isPostgres()) {
            transactions.executeWithoutResult(status -> {
                database.planEachStatementAfresh(jdbc);
                jdbc.update(connection -> completeAtOnce(connection, outcomes, now));
            });
            return;
        }
        jdbc.batchUpdate("""
                UPDATE message SET status = ?, reason = ?, detail = ?, adapter = ?, provider_id = ?, not_before = ?,
                                   sent_at = CASE WHEN ? = 'SENT' THEN ? END, updated_at = ?
                WHERE id = ? AND status = 'CLAIMED'
                """, outcomes, 1000, (ps, o) -> {
            ps.setString(1, o.status().name());
            ps.setString(2, o.reason());
            ps.setString(3, detail(o));
            ps.setString(4, o.adapter());
            ps.setString(5, o.providerId());
            ps.setObject(6, utc(o.notBefore()));
            ps.setString(7, o.status().name());
            ps.setObject(8, utc(now));
            ps.setObject(9, utc(now));
            ps.setLong(10, o.id());
        });
    }

    /** The outcomes as one statement over arrays, a column each (timestamps as ISO-8601 text, cast in the statement). */
    private static PreparedStatement completeAtOnce(Connection connection, List<Outcome> outcomes, Instant now)
            throws SQLException {
        int n = outcomes.size();
        Long[] ids = new Long[n];
        String[][] columns = new String[6][n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.id();
            columns[0][i] = o.status().name();
            columns[1][i] = o.reason();
            columns[2][i] = detail(o);
            columns[3][i] = o.adapter();
            columns[4][i] = o.providerId();
            columns[5][i] = o.notBefore() == null ? null : o.notBefore().toString();
        }
        PreparedStatement complete = connection.prepareStatement(COMPLETE_POSTGRES);
        complete.setString(1, now.toString());
        complete.setString(2, now.toString());
        complete.setArray(3, connection.createArrayOf("bigint", ids));
        for (int c = 0; c < columns.length; c++) {
            complete.setArray(4 + c, connection.createArrayOf("varchar", columns[c]));
        }
        return complete;
    }

    /** The provider's words as stored: at most the column's 500 characters. */
    private static String detail(Outcome o) {
        return o.detail() == null ? null : o.detail().substring(0, Math.min(500, o.detail().length()));
    }

    /** A due message skipped after all (consent withdrawn while it waited, say). */
    void skip(long id, String reason, Instant now) {
        jdbc.update("UPDATE message SET status = 'SKIPPED', reason = ?, updated_at = ? WHERE id = ?"
                + " AND status IN ('DEFERRED', 'RETRY')", reason, utc(now), id);
    }

    /** Moves a due message's time (quiet hours began again before it went). */
    void defer(long id, Instant until, Instant now) {
        jdbc.update("UPDATE message SET not_before = ?, updated_at = ? WHERE id = ? AND status IN ('DEFERRED', 'RETRY')",
                utc(until), utc(now), id);
    }

    /**
     * Messages of the run left CLAIMED by an execution that died: the provider may have them, so they become
     * UNKNOWN and are never sent again automatically. Returns how many.
     */
    int interrupted(long runId, Instant now) {
        return jdbc.update("""
                UPDATE message SET status = 'UNKNOWN', reason = 'interrupted',
                       detail = 'claimed when the sending process stopped; it may or may not have been sent', updated_at = ?
                WHERE run_id = ? AND status = 'CLAIMED'
                """, utc(now), runId);
    }

    /**
     * Flows' messages left CLAIMED since before {@code before}: the node sending them stopped (a send takes seconds),
     * so they become UNKNOWN like a run's interrupted messages. Returns how many.
     */
    int abandonedClaims(Instant before, Instant now) {
        return jdbc.update("""
                UPDATE message SET status = 'UNKNOWN', reason = 'interrupted',
                       detail = 'claimed when the sending process stopped; it may or may not have been sent', updated_at = ?
                WHERE status = 'CLAIMED' AND run_id IS NULL AND updated_at < ?
                """, utc(now), utc(before));
    }

    /** RETRY messages first tried longer ago than the retry period: FAILED. */
    int expireRetries(Instant createdBefore, Instant now) {
        return jdbc.update("""
                UPDATE message SET status = 'FAILED', reason = 'retries-exhausted', updated_at = ?
                WHERE status = 'RETRY' AND created_at < ?
                """, utc(now), utc(createdBefore));
    }

    List<LedgerEntry> entries(String campaignId, String customerExternalId, MessageStatus status, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT m.id, m.campaign_id, m.occurrence, c.external_id, m.step, m.run_id, m.channel, m.variant,
                       m.template, m.status, m.reason, m.detail, m.provider_id, m.discount_code, m.attempts,
                       m.not_before, m.created_at, m.sent_at
                FROM message m JOIN customer c ON c.id = m.customer_id WHERE 1 = 1""");
        MapSqlParameterSource parameters = new MapSqlParameterSource("limit", limit);
        if (campaignId != null) {
            sql.append(" AND m.campaign_id = :campaign");
            parameters.addValue("campaign", campaignId);
        }
        if (customerExternalId != null) {
            sql.append(" AND c.external_id = :customer");
            parameters.addValue("customer", customerExternalId);
        }
        if (status != null) {
            sql.append(" AND m.status = :status");
            parameters.addValue("status", status.name());
        }
        sql.append(" ORDER BY m.id DESC LIMIT :limit");
        return named.query(sql.toString(), parameters, (rs, n) -> new LedgerEntry(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7), rs.getString(8),
                rs.getString(9), MessageStatus.valueOf(rs.getString(10)), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getInt(15), instant(rs, 16), instant(rs, 17), instant(rs, 18)));
    }

    private static Pending pending(ResultSet rs, int n) throws SQLException {
        return new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getString(11));
    }
}
