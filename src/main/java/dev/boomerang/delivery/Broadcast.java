package dev.boomerang.delivery;

import dev.boomerang.channel.Channel;
import dev.boomerang.segment.Rule;
import java.util.List;
import java.util.Objects;

/**
 * What a run of a campaign sends, as the delivery module needs it: who (the rule, evaluated as of the run's
 * instant), on which channel, which variants with which weights, how many to hold back, and the offer.
 * @param holdoutPercent 0 to 50
 * @param priority higher first when campaigns compete for a customer's frequency cap
 * @param discount the offer, or null
 * @param maxPerSecond this campaign's own rate limit, or null
 */
public record Broadcast(String campaignId, String name, Channel channel, Rule audience, List<Variant> variants,
        int holdoutPercent, int priority, Discount discount, Integer maxPerSecond) {

    /** The step of a broadcast's messages in the ledger's key: a broadcast sends one message per customer and run. */
    public static final String STEP = "send";

    public Broadcast {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(audience, "audience");
        variants = List.copyOf(variants);
        if (variants.isEmpty() || variants.stream().mapToInt(Variant::weight).sum() != 100) {
            throw new IllegalArgumentException("variants' weights must sum to 100: " + variants);
        }
        if (holdoutPercent < 0 || holdoutPercent > 50) {
            throw new IllegalArgumentException("the holdout is 0 to 50 percent: " + holdoutPercent);
        }
    }

    /** What its messages are sent as. */
    public Sending sending() {
        return new Sending(campaignId, name, channel, variants, discount, maxPerSecond);
    }
}
