package dev.boomerang.delivery;

import java.time.Instant;
import java.util.Map;

/**
 * A run of a campaign and its account so far.
 * @param occurrence the scheduled fire time (ISO instant) or a manual run's id
 * @param audience recipients selected, null until the audience is written
 * @param messages ledger rows by status
 * @param skipped SKIPPED rows by reason (no-consent, unreachable, suppressed, frequency-cap, holdout)
 * @param detail why it failed or was missed, else null
 */
public record Run(long id, String campaignId, String occurrence, RunStatus status, boolean dryRun, Instant asOf,
        Instant requestedAt, Instant startedAt, Instant finishedAt, Long audience, Map<MessageStatus, Long> messages,
        Map<String, Long> skipped, String detail) {

    public Run {
        messages = Map.copyOf(messages);
        skipped = Map.copyOf(skipped);
    }
}
