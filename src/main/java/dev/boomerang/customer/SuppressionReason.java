package dev.boomerang.customer;

import java.util.Locale;

/** Why an address is suppressed: no message goes to it again on that channel. */
public enum SuppressionReason {
    /** the receiving server said the mailbox does not exist (SMTP 5xx on the recipient) */
    BOUNCED,
    /** the recipient marked a message as spam */
    COMPLAINED,
    /** the provider called the address or number invalid */
    INVALID,
    /** an operator suppressed it */
    MANUAL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
