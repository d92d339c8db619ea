package dev.boomerang.engagement;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the event log. An event about a message names the message; its customer and campaign are then
 * read from the send ledger when the event is written (the request that reported it does not look them up). An
 * event no message explains (a bounce reported for an address) names the customer, or nobody.
 * @param linkPosition for {@link EventKind#CLICKED}: which link of the message, counted from 0
 * @param source who reported it: {@code web}, {@code twilio}, {@code smtp:550}, {@code api}, {@code attribution}
 */
public record EngagementEvent(EventKind kind, Long messageId, Long customerId, String campaignId, Integer linkPosition,
        Instant occurredAt, String source) {

    public EngagementEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
    }

    /** An event about a message; customer and campaign come from the ledger. */
    public static EngagementEvent ofMessage(EventKind kind, long messageId, Integer linkPosition, Instant at,
            String source) {
        return new EngagementEvent(kind, messageId, null, null, linkPosition, at, source);
    }
}
