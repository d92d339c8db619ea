package dev.boomerang.engagement.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a message did to a customer before an order, that may have earned it: a click, an open, a delivery
 * (for email: the send, as SMTP reports no delivery).
 * @param channel the message's channel, {@code email} or {@code sms}
 */
record Touch(long messageId, long customerId, String campaignId, Long runId, String channel, Kind kind, Instant at) {

    enum Kind {
        CLICKED, OPENED, DELIVERED, SENT;

        boolean click() {
            return this == CLICKED;
        }
    }

    Touch {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
