package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.MessageStatus;
import dev.boomerang.delivery.Run;
import dev.boomerang.delivery.RunConflictException;
import dev.boomerang.delivery.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code campaign_run} table: requesting, starting, finishing runs, and their account. */
@Component
class RunStore {

    /** A run's row, without its counts. */
    record RunRow(long id, String campaignId, String occurrence, RunStatus status, boolean dryRun, Instant asOf,
            Instant requestedAt, Instant startedAt, Instant finishedAt, Long audience, String detail) {
    }

    private static final String COLUMNS = "id, campaign_id, occurrence, status, dry_run, as_of, requested_at, started_at,"
            + " finished_at, audience, detail";

    private final JdbcTemplate jdbc;

    RunStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a PENDING run holding the campaign's active slot, in its own statement (autocommit): a concurrent
     * request for the same campaign or occurrence hits a unique key and gets a conflict, never a second run.
     */
    long request(String campaignId, String occurrence, Instant asOf, boolean dryRun, Instant now) {
        try {
            jdbc.update("""
                    INSERT INTO campaign_run (campaign_id, occurrence, status, dry_run, as_of, requested_at, active_slot)
                    VALUES (?, ?, 'PENDING', ?, ?, ?, ?)
                    """, campaignId, occurrence, dryRun, utc(asOf), utc(now), campaignId);
        }
        catch (DuplicateKeyException taken) {
            Optional<RunRow> same = find(campaignId, occurrence);
            if (same.isPresent()) {
                throw new RunConflictException("campaign " + campaignId + " already has a run for occurrence "
                        + occurrence + " (run " + same.get().id() + ", " + same.get().status() + ")", same.get().id());
            }
            RunRow active = active(campaignId).orElseThrow(() -> taken);
            throw new RunConflictException("campaign " + campaignId + " has a run " + active.status().name()
                    .toLowerCase(Locale.ROOT) + " (run " + active.id() + "); wait for it to finish", active.id());
        }
        return find(campaignId, occurrence).orElseThrow().id();
    }

    /** A scheduled occurrence recorded as missed; returns its id (the existing one if already recorded). */
    long missed(String campaignId, String occurrence, Instant scheduledFor, String detail, Instant now) {
        try {
            jdbc.update("""
                    INSERT INTO campaign_run (campaign_id, occurrence, status, dry_run, as_of, requested_at, finished_at,
                                              detail)
                    VALUES (?, ?, 'MISSED', FALSE, ?, ?, ?, ?)
                    """, campaignId, occurrence, utc(scheduledFor), utc(now), utc(now), detail);
        }
        catch (DuplicateKeyException recordedBefore) {
            // another node, or an earlier start, recorded this occurrence: one row is the record
        }
        return find(campaignId, occurrence).orElseThrow().id();
    }

    /** PENDING or FAILED → RUNNING; false when the run is finished or another execution holds it. */
    boolean start(long runId, Instant now) {
        return jdbc.update("""
                UPDATE campaign_run SET status = 'RUNNING', started_at = COALESCE(started_at, ?), detail = NULL,
                       active_slot = campaign_id
                WHERE id = ? AND status IN ('PENDING', 'RUNNING', 'FAILED')
                """, utc(now), runId) == 1;
    }

    void audience(long runId, long size) {
        jdbc.update("UPDATE campaign_run SET audience = ? WHERE id = ?", size, runId);
    }

    void finish(long runId, RunStatus status, String detail, Instant now) {
        jdbc.update("""
                UPDATE campaign_run SET status = ?, finished_at = ?, detail = ?,
                       active_slot = CASE WHEN ? THEN active_slot END
                WHERE id = ?
                """, status.name(), utc(now), detail, status.active(), runId);
    }

    Optional<RunRow> row(long runId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM campaign_run WHERE id = ?", RunStore::row, runId).stream().findFirst();
    }

    Optional<RunRow> find(String campaignId, String occurrence) {
        return jdbc.query("SELECT " + COLUMNS + " FROM campaign_run WHERE campaign_id = ? AND occurrence = ?",
                RunStore::row, campaignId, occurrence).stream().findFirst();
    }

    Optional<RunRow> active(String campaignId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM campaign_run WHERE active_slot = ?", RunStore::row, campaignId)
            .stream().findFirst();
    }

    /** PENDING runs requested before the instant, oldest first. */
    List<Long> pendingSince(Instant requestedBefore) {
        return jdbc.queryForList("SELECT id FROM campaign_run WHERE status = 'PENDING' AND requested_at < ? ORDER BY id",
                Long.class, utc(requestedBefore));
    }

    List<RunRow> ofCampaign(String campaignId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM campaign_run WHERE campaign_id = ? ORDER BY id DESC LIMIT ?",
                RunStore::row, campaignId, limit);
    }

    Run account(RunRow row) {
        Map<MessageStatus, Long> messages = new EnumMap<>(MessageStatus.class);
        Map<String, Long> skipped = new LinkedHashMap<>();
        jdbc.query("SELECT status, reason, COUNT(*) FROM message WHERE run_id = ? GROUP BY status, reason ORDER BY status, reason",
                (ResultSet rs) -> {
                    MessageStatus status = MessageStatus.valueOf(rs.getString(1));
                    messages.merge(status, rs.getLong(3), Long::sum);
                    if (status == MessageStatus.SKIPPED) {
                        skipped.put(rs.getString(2), rs.getLong(3));
                    }
                }, row.id());
        return new Run(row.id(), row.campaignId(), row.occurrence(), row.status(), row.dryRun(), row.asOf(),
                row.requestedAt(), row.startedAt(), row.finishedAt(), row.audience(), messages, skipped, row.detail());
    }

    private static RunRow row(ResultSet rs, int n) throws SQLException {
        long size = rs.getLong(10);
        Long audience = rs.wasNull() ? null : size;
        return new RunRow(rs.getLong(1), rs.getString(2), rs.getString(3), RunStatus.valueOf(rs.getString(4)),
                rs.getBoolean(5), instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9), audience,
                rs.getString(11));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
