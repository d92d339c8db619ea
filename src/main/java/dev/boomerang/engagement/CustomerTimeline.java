package dev.boomerang.engagement;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A customer's messages, events and attributed orders, newest first. */
public record CustomerTimeline(String customerId, List<Entry> entries) {

    public CustomerTimeline {
        entries = List.copyOf(entries);
    }

    /**
     * One line of the timeline; only the fields of its type are present.
     * @param type {@code message} (a ledger row: {@code status}, {@code reason}), {@code event} ({@code event},
     *     {@code linkPosition}, {@code source}) or {@code attribution} ({@code orderId}, {@code basis},
     *     {@code revenue}, {@code currency})
     * @param at when it was sent (or last changed, when not sent), happened, or the order was placed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String type, Instant at, Long messageId, String campaignId, Long runId, String channel,
            String variant, String status, String reason, String event, Integer linkPosition, String source,
            String orderId, String basis, BigDecimal revenue, String currency) {
    }
}
