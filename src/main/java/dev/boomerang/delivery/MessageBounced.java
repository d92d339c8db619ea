package dev.boomerang.delivery;

import java.time.Instant;

/**
 * A message of the ledger was refused for good because of its address (a mailbox that does not exist, a number
 * the provider calls invalid): the ledger row is REJECTED. Published after the outcome is recorded, so listeners
 * (the event log) can count the bounce against the message; the address itself is suppressed by the channel's
 * own refusal event.
 * @param source who said so, as {@code adapter:code}: {@code smtp:550}, {@code twilio:21211}
 */
public record MessageBounced(long messageId, String source, Instant at) {
}
