package dev.boomerang.delivery;

import dev.boomerang.channel.Channel;
import java.util.List;
import java.util.Objects;

/**
 * What one step of a campaign or flow sends, as the sender needs it: the campaign or flow, the channel, the
 * templates its messages may use (a message names its own), the offer, and the step's own rate limit.
 * @param discount the offer, or null
 * @param maxPerSecond the campaign's or flow's own rate limit, or null
 */
public record Sending(String campaignId, String name, Channel channel, List<Variant> variants, Discount discount,
        Integer maxPerSecond) {

    public Sending {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(channel, "channel");
        variants = List.copyOf(variants);
    }
}
