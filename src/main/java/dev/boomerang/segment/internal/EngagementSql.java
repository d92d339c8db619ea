package dev.boomerang.segment.internal;

import dev.boomerang.segment.Rule;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Engagement conditions over the event log ({@code engagement_event}) and the send ledger ({@code message}).
 * Both are looked up per candidate customer through their (customer, kind or channel, time) indexes.
 */
final class EngagementSql {

    private EngagementSql() {
    }

    /** An open or click in (from, t]. */
    static Fragment engaged(Rule.Action action, OffsetDateTime from, OffsetDateTime t) {
        String kinds = switch (action) {
            case OPENED -> "e.kind = 'opened'";
            case CLICKED -> "e.kind = 'clicked'";
            case OPENED_OR_CLICKED -> "e.kind IN ('opened', 'clicked')";
        };
        return Fragment.of("EXISTS (SELECT 1 FROM engagement_event e WHERE e.customer_id = c.id AND " + kinds
                + " AND e.occurred_at > ? AND e.occurred_at <= ?)", from, t);
    }

    /** A message the provider took, sent in (from, t] (up to t when from is null), of the campaign and channel given. */
    static Fragment received(Rule.Received received, OffsetDateTime from, OffsetDateTime t) {
        StringBuilder sql = new StringBuilder("EXISTS (SELECT 1 FROM message m WHERE m.customer_id = c.id AND m.status = 'SENT'");
        List<Object> values = new ArrayList<>();
        if (received.channel() != null) {
            sql.append(" AND m.channel = ?");
            values.add(received.channel().key());
        }
        if (received.campaign() != null) {
            sql.append(" AND m.campaign_id = ?");
            values.add(received.campaign());
        }
        if (from != null) {
            sql.append(" AND m.sent_at > ?");
            values.add(from);
        }
        sql.append(" AND m.sent_at <= ?)");
        values.add(t);
        return new Fragment(sql.toString(), values);
    }
}
