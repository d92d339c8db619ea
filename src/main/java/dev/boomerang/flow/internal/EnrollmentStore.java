package dev.boomerang.flow.internal;

import dev.boomerang.campaign.Flow;
import dev.boomerang.flow.Enrollment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journeys' table and the per-flow state row. Enrolments of one flow take turns on that row
 * ({@link #lockFlow}), so the re-entry rule is decided against every journey already written; the unique
 * {@code active_slot} keeps two journeys of one key apart even so.
 */
@Component
class EnrollmentStore {

    /** A journey a trigger would start. */
    record Candidate(long customerId, String customerExternalId, String journeyKey, Long cartId, Instant triggeredAt,
            Instant firstDueAt) {
    }

    /** A candidate and why it is not enrolled (null: it is). */
    record Decision(Candidate candidate, String skipReason) {
    }

    /** A journey whose next step is due. */
    record Due(long id, String flowId, long customerId, String journeyKey, Long cartId, int stepIndex,
            Instant triggeredAt) {

        String journey() {
            return "j" + id;
        }
    }

    private static final String COLUMNS = """
            e.id, e.flow_id, c.external_id, e.journey_key, e.status, e.step_index, e.next_due_at, e.exit_reason, e.source,
            e.triggered_at, e.enrolled_at, e.updated_at""";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate separately;

    EnrollmentStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Makes the flow's state row if it has none (in a transaction of its own: a lost race must not spoil the caller's). */
    void ensureState(String flowId, Instant now) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM flow_state WHERE flow_id = ?", Integer.class, flowId) > 0) {
            return;
        }
        try {
            separately.executeWithoutResult(s -> jdbc.update(
                    "INSERT INTO flow_state (flow_id, paused, changed_at) VALUES (?, FALSE, ?)", flowId, utc(now)));
        }
        catch (DuplicateKeyException anotherNodeWasFirst) {
            // the row is there, which is all we wanted
        }
    }

    /** Locks the flow's state row until the transaction ends; returns when the flow was last checked (or null). */
    Instant lockFlow(String flowId) {
        return jdbc.queryForObject("SELECT last_checked_at FROM flow_state WHERE flow_id = ? FOR UPDATE",
                (rs, n) -> instant(rs, 1), flowId);
    }

    void markChecked(String flowId, Instant now) {
        jdbc.update("UPDATE flow_state SET last_checked_at = ? WHERE flow_id = ?", utc(now), flowId);
    }

    Set<String> paused() {
        return new HashSet<>(jdbc.queryForList("SELECT flow_id FROM flow_state WHERE paused = TRUE", String.class));
    }

    void setPaused(String flowId, boolean paused, Instant now) {
        jdbc.update("UPDATE flow_state SET paused = ?, changed_at = ? WHERE flow_id = ?", paused, utc(now), flowId);
    }

    /** Applies the re-entry rule to the candidates against the flow's journeys (call with the flow locked). */
    List<Decision> decide(Flow flow, List<Candidate> candidates, Instant now) {
        Map<String, List<Object[]>> earlier = new HashMap<>();
        for (int from = 0; from < candidates.size(); from += 1000) {
            List<String> keys = candidates.subList(from, Math.min(candidates.size(), from + 1000)).stream()
                .map(Candidate::journeyKey).toList();
            named.query("SELECT journey_key, status, enrolled_at FROM enrollment WHERE flow_id = :flow AND journey_key IN (:keys)",
                    new MapSqlParameterSource("flow", flow.id()).addValue("keys", keys), rs -> {
                        earlier.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Object[] { rs.getString(2), instant(rs, 3) });
                    });
        }
        Set<String> seen = new HashSet<>();
        List<Decision> decisions = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            List<Object[]> before = earlier.getOrDefault(candidate.journeyKey(), List.of());
            String reason = null;
            if (!seen.add(candidate.journeyKey()) || before.stream().anyMatch(e -> "ACTIVE".equals(e[0]))) {
                reason = "already-enrolled";
            }
            else if (!before.isEmpty() && flow.reentry().once()) {
                reason = "enrolled-before";
            }
            else if (!before.isEmpty() && before.stream()
                .anyMatch(e -> ((Instant) e[1]).isAfter(now.minus(flow.reentry().notWithin())))) {
                reason = "re-entry-window";
            }
            decisions.add(new Decision(candidate, reason));
        }
        return decisions;
    }

    void insert(String flowId, Collection<Candidate> candidates, String source, Instant now) {
        jdbc.batchUpdate("""
                INSERT INTO enrollment (flow_id, customer_id, journey_key, cart_id, step_index, next_due_at, status, source,
                                        triggered_at, enrolled_at, updated_at, active_slot)
                VALUES (?, ?, ?, ?, 0, ?, 'ACTIVE', ?, ?, ?, ?, ?)""", candidates, 1000, (ps, c) -> {
            ps.setString(1, flowId);
            ps.setLong(2, c.customerId());
            ps.setString(3, c.journeyKey());
            ps.setObject(4, c.cartId());
            ps.setObject(5, utc(c.firstDueAt()));
            ps.setString(6, source);
            ps.setObject(7, utc(c.triggeredAt()));
            ps.setObject(8, utc(now));
            ps.setObject(9, utc(now));
            ps.setString(10, flowId + "|" + c.journeyKey());
        });
    }

    /** Active journeys of these flows whose next step is due, oldest first, locked (on PostgreSQL skipping those another node holds). */
    List<Due> due(Collection<String> flowIds, Instant now, int limit, boolean skipLocked) {
        if (flowIds.isEmpty()) {
            return List.of();
        }
        return named.query("""
                SELECT id, flow_id, customer_id, journey_key, cart_id, step_index, triggered_at FROM enrollment
                WHERE status = 'ACTIVE' AND next_due_at <= :now AND flow_id IN (:flows)
                ORDER BY next_due_at, id LIMIT :limit FOR UPDATE""" + (skipLocked ? " SKIP LOCKED" : ""),
                new MapSqlParameterSource("now", utc(now)).addValue("flows", flowIds).addValue("limit", limit),
                (rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        (Long) rs.getObject(5, Long.class), rs.getInt(6), instant(rs, 7)));
    }

    /** The journey waits: its next step is {@code stepIndex}, due at {@code dueAt}. */
    void advance(long id, int stepIndex, Instant dueAt, Instant now) {
        jdbc.update("UPDATE enrollment SET step_index = ?, next_due_at = ?, updated_at = ? WHERE id = ? AND status = 'ACTIVE'",
                stepIndex, utc(dueAt), utc(now), id);
    }

    /** The journey is over: COMPLETED after its last step, or EXITED with the exit's name. */
    void finish(long id, Enrollment.Status status, String exitReason, int stepIndex, Instant now) {
        jdbc.update("""
                UPDATE enrollment SET status = ?, exit_reason = ?, step_index = ?, next_due_at = NULL, active_slot = NULL,
                                      updated_at = ?
                WHERE id = ? AND status = 'ACTIVE'""", status.name(), exitReason, stepIndex, utc(now), id);
    }

    /**
     * The cart changed while its journeys wait: a step due before the cart has been idle for {@code idleFor} again
     * waits until then. Returns how many journeys moved.
     */
    int restartIdleClock(String flowId, long cartId, Instant notBefore, Instant now) {
        return jdbc.update("""
                UPDATE enrollment SET next_due_at = ?, updated_at = ?
                WHERE flow_id = ? AND cart_id = ? AND status = 'ACTIVE' AND next_due_at < ?""",
                utc(notBefore), utc(now), flowId, cartId, utc(notBefore));
    }

    List<Enrollment> list(Flow flow, Enrollment.Status status, int limit) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("flow", flow.id()).addValue("limit", limit);
        String where = "e.flow_id = :flow";
        if (status != null) {
            where += " AND e.status = :status";
            parameters.addValue("status", status.name());
        }
        return named.query("SELECT " + COLUMNS + " FROM enrollment e JOIN customer c ON c.id = e.customer_id WHERE " + where
                + " ORDER BY e.id DESC LIMIT :limit", parameters, (rs, n) -> enrollment(flow, rs));
    }

    Map<Enrollment.Status, Long> counts(String flowId) {
        Map<Enrollment.Status, Long> counts = new EnumMap<>(Enrollment.Status.class);
        for (Enrollment.Status status : Enrollment.Status.values()) {
            counts.put(status, 0L);
        }
        jdbc.query("SELECT status, COUNT(*) FROM enrollment WHERE flow_id = ? GROUP BY status",
                rs -> {
                    counts.put(Enrollment.Status.valueOf(rs.getString(1)), rs.getLong(2));
                }, flowId);
        return counts;
    }

    private static Enrollment enrollment(Flow flow, ResultSet rs) throws SQLException {
        Enrollment.Status status = Enrollment.Status.valueOf(rs.getString(5));
        int step = rs.getInt(6);
        String next = status == Enrollment.Status.ACTIVE && step < flow.steps().size() ? flow.steps().get(step).id() : null;
        return new Enrollment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), status, next,
                instant(rs, 7), rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11), instant(rs, 12));
    }

    /**
     * To the microsecond, as both databases store it: a journey enrolled at {@code now} with nanoseconds would be
     * stored rounded and then not be due at that same {@code now}.
     */
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
