package dev.boomerang.campaign;

import java.time.Instant;
import java.util.List;

/**
 * A campaign as an admin sees it in the list.
 * @param nextFireTimes the next few scheduled runs (empty when manual only or paused)
 */
public record CampaignStatus(Campaign campaign, boolean paused, List<Instant> nextFireTimes) {

    public CampaignStatus {
        nextFireTimes = List.copyOf(nextFireTimes);
    }
}
