package dev.boomerang.engagement.internal;

import dev.boomerang.engagement.CustomerTimeline;
import dev.boomerang.engagement.CustomerTimelines;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A customer's timeline in one query: ledger rows (dry runs left out), events and attributed orders, merged
 * newest first. At the same instant an attribution comes before the event, the event before the message.
 */
@Service
class CustomerTimelineQuery implements CustomerTimelines {

    private static final String TIMELINE = """
            SELECT * FROM (
                SELECT 'message' AS type, 2 AS tie, COALESCE(m.sent_at, m.created_at) AS at, m.id AS message_id,
                       m.campaign_id, m.run_id, m.channel, m.variant, m.status, m.reason,
                       CAST(NULL AS VARCHAR(16)) AS event, CAST(NULL AS INTEGER) AS link_position,
                       CAST(NULL AS VARCHAR(100)) AS source, CAST(NULL AS VARCHAR(200)) AS order_id,
                       CAST(NULL AS VARCHAR(8)) AS basis, CAST(NULL AS NUMERIC(18, 4)) AS revenue,
                       CAST(NULL AS CHAR(3)) AS currency
                FROM message m WHERE m.customer_id = ? AND m.status <> 'DRY_RUN'
                UNION ALL
                SELECT 'event', 1, e.occurred_at, e.message_id, e.campaign_id, m.run_id, m.channel, m.variant,
                       NULL, NULL, e.kind, e.link_position, e.source, NULL, NULL, NULL, NULL
                FROM engagement_event e LEFT JOIN message m ON m.id = e.message_id
                WHERE e.customer_id = ?
                UNION ALL
                SELECT 'attribution', 0, a.placed_at, a.message_id, a.campaign_id, a.run_id, m.channel, m.variant,
                       NULL, NULL, NULL, NULL, NULL, o.external_id, a.basis, a.revenue, a.currency
                FROM attribution a JOIN orders o ON o.id = a.order_id LEFT JOIN message m ON m.id = a.message_id
                WHERE a.customer_id = ?
            ) t
            ORDER BY at DESC, tie, message_id DESC
            FETCH FIRST ? ROWS ONLY""";

    private final JdbcTemplate jdbc;

    CustomerTimelineQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<CustomerTimeline> timeline(String customerExternalId, int limit) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM customer WHERE external_id = ?", Long.class, customerExternalId);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long id = ids.getFirst();
        List<CustomerTimeline.Entry> entries = jdbc.query(TIMELINE, (rs, n) -> entry(rs), id, id, id, Math.max(1, limit));
        return Optional.of(new CustomerTimeline(customerExternalId, entries));
    }

    private static CustomerTimeline.Entry entry(ResultSet rs) throws SQLException {
        return new CustomerTimeline.Entry(rs.getString("type"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                nullableLong(rs, "message_id"), rs.getString("campaign_id"), nullableLong(rs, "run_id"),
                rs.getString("channel"), rs.getString("variant"), rs.getString("status"), rs.getString("reason"),
                rs.getString("event"), nullableInt(rs, "link_position"), rs.getString("source"), rs.getString("order_id"),
                rs.getString("basis"), rs.getBigDecimal("revenue"), trim(rs.getString("currency")));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static String trim(String text) {
        return text == null ? null : text.strip();
    }
}
