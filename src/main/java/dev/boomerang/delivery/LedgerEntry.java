package dev.boomerang.delivery;

import java.time.Instant;

/**
 * One ledger row: what a customer got from a campaign occurrence, or why not.
 * @param customerId the store's id of the customer
 * @param reason why it was skipped, deferred, rejected, retried or unknown; null when sent
 * @param notBefore when a deferred or retried message may go, else null
 */
public record LedgerEntry(long id, String campaignId, String occurrence, String customerId, String step,
        long runId, String channel, String variant, String template, MessageStatus status, String reason,
        String detail, String providerId, String discountCode, int attempts, Instant notBefore, Instant createdAt,
        Instant sentAt) {
}
