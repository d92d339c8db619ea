package dev.boomerang.flow.internal;

import dev.boomerang.campaign.Flow;
import dev.boomerang.channel.Channel;
import dev.boomerang.segment.Segments;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The flow's exits, asked before every step of a journey, in the order of {@link Flow.Exit}. Each is a question
 * about now: a journey that was paused, or waited long, sees what happened meanwhile.
 */
@Component
class Exits {

    private final JdbcTemplate jdbc;
    private final Segments segments;

    Exits(JdbcTemplate jdbc, Segments segments) {
        this.jdbc = jdbc;
        this.segments = segments;
    }

    /** The name of the first exit that holds ({@code order-placed}, ...), or null to go on. */
    String check(Flow flow, EnrollmentStore.Due journey, Instant now) {
        for (Flow.Exit exit : Flow.Exit.values()) {
            if (flow.exits().contains(exit) && holds(exit, flow, journey, now)) {
                return exit.name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }
        return null;
    }

    private boolean holds(Flow.Exit exit, Flow flow, EnrollmentStore.Due journey, Instant now) {
        return switch (exit) {
            // an order after what started the journey (the triggering order itself is not one)
            case ORDER_PLACED -> !jdbc.queryForList("""
                    SELECT 1 FROM orders WHERE customer_id = ? AND placed_at > ? AND placed_at <= ? FETCH FIRST 1 ROWS ONLY""",
                    Integer.class, journey.customerId(), EnrollmentStore.utc(journey.triggeredAt()), EnrollmentStore.utc(now))
                .isEmpty();
            case CART_CONVERTED -> "converted".equals(cartStatus(journey));
            case CART_EMPTIED -> "emptied".equals(cartStatus(journey));
            case UNSUBSCRIBED -> withdrew(flow, journey);
            case LEAVES_SEGMENT -> flow.trigger() instanceof Flow.EntersSegment segment
                    && !segments.matches(journey.customerId(), segment.rule(), now);
        };
    }

    private String cartStatus(EnrollmentStore.Due journey) {
        if (journey.cartId() == null) {
            return null;
        }
        List<String> status = jdbc.queryForList("SELECT status FROM cart WHERE id = ?", String.class, journey.cartId());
        return status.isEmpty() ? "emptied" : status.getFirst(); // a cart the store deleted holds nothing
    }

    /**
     * Consent withdrawn on a channel the flow sends on since the journey started. A customer who never gave (or
     * earlier withdrew) consent on one channel is not "unsubscribed" from the journey: its sends on that channel are
     * skipped (no-consent) and the others go.
     */
    private boolean withdrew(Flow flow, EnrollmentStore.Due journey) {
        List<String> channels = flow.steps().stream().filter(s -> s instanceof Flow.Send).map(s -> ((Flow.Send) s).channel())
            .distinct().map(c -> c == Channel.EMAIL ? "email" : "sms").toList();
        return !jdbc.queryForList("SELECT 1 FROM consent_change WHERE customer_id = ? AND granted = FALSE AND changed_at > ?"
                + " AND channel IN (" + String.join(", ", channels.stream().map(c -> "?").toList()) + ") FETCH FIRST 1 ROWS ONLY",
                Integer.class, params(journey, channels)).isEmpty();
    }

    private static Object[] params(EnrollmentStore.Due journey, List<String> channels) {
        Object[] values = new Object[2 + channels.size()];
        values[0] = journey.customerId();
        values[1] = EnrollmentStore.utc(journey.triggeredAt());
        for (int i = 0; i < channels.size(); i++) {
            values[2 + i] = channels.get(i);
        }
        return values;
    }
}
