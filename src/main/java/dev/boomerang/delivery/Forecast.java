package dev.boomerang.delivery;

import java.time.Instant;
import java.util.Map;

/**
 * What a run as of {@code asOf} would do, computed without writing anything: the audience, its split into
 * variants and holdout, and how many each policy would skip or defer.
 * @param byVariant recipients per variant (before policies)
 * @param skipped how many the policies would skip, by reason (holdout included)
 * @param deferred how many SMS would wait for the end of quiet hours
 * @param wouldSend how many messages would go out now
 */
public record Forecast(String campaignId, Instant asOf, long audience, Map<String, Long> byVariant, long holdout,
        Map<String, Long> skipped, long deferred, long wouldSend) {

    public Forecast {
        byVariant = Map.copyOf(byVariant);
        skipped = Map.copyOf(skipped);
    }
}
