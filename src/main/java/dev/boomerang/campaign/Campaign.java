package dev.boomerang.campaign;

import dev.boomerang.channel.Channel;
import dev.boomerang.delivery.Discount;
import dev.boomerang.delivery.Variant;
import dev.boomerang.segment.Rule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * A broadcast campaign as defined in {@code config/campaigns/*.yml} (docs/campaigns.md gives the YAML).
 * @param file the file it was read from, for messages
 * @param segmentId the catalog segment it names, or null when its rule is written inline
 * @param audience the rule that picks its recipients (the named segment's rule, or the inline one)
 * @param variants at least one; weights sum to 100
 * @param schedule when it fires, or null: manual runs only
 * @param holdoutPercent 0 to 50: that share of the audience is kept back as a control group and sent nothing
 * @param priority higher first when campaigns compete for a customer's frequency cap
 * @param discount the offer, or null
 * @param maxPerSecond this campaign's own send rate limit, or null (the channel's limit applies in any case)
 * @param attributionWindow how long after a message an order counts as its conversion
 */
public record Campaign(String id, String name, String description, String file, String segmentId, Rule audience,
        Channel channel, List<Variant> variants, Schedule schedule, int holdoutPercent, int priority,
        Discount discount, Integer maxPerSecond, Duration attributionWindow) {

    public Campaign {
        variants = List.copyOf(variants);
    }

    /** A Quartz cron expression (seconds first) read in a time zone. */
    public record Schedule(String cron, ZoneId zone) {
    }

    public boolean manualOnly() {
        return schedule == null;
    }
}
