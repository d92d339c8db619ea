package dev.boomerang.engagement;

import java.util.Locale;

/** What happened to a message, or because of it. Stored in lower case, as {@link #key()}. */
public enum EventKind {
    /** the provider reports the message delivered (Twilio's {@code delivered}) */
    DELIVERED,
    /** the tracking pixel was fetched */
    OPENED,
    /** a tracked link was followed */
    CLICKED,
    /** the recipient withdrew consent through the message (link, one-click header, STOP reply) */
    UNSUBSCRIBED,
    /** the address refused the message for good (SMTP 550, a reported bounce, Twilio undelivered or failed) */
    BOUNCED,
    /** the recipient called the message spam */
    COMPLAINED,
    /** an order was attributed to the message */
    CONVERTED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
