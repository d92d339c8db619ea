package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Campaigns;
import dev.boomerang.delivery.Broadcast;
import dev.boomerang.delivery.SendPlans;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells delivery what a campaign sends, from the catalog. */
@Component
class CampaignPlans implements SendPlans {

    private final Campaigns campaigns;

    CampaignPlans(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public Optional<Broadcast> broadcast(String campaignId) {
        return campaigns.definition(campaignId).map(CampaignPlans::broadcast);
    }

    static Broadcast broadcast(Campaign c) {
        return new Broadcast(c.id(), c.name(), c.channel(), c.audience(), c.variants(), c.holdoutPercent(), c.priority(),
                c.discount(), c.maxPerSecond());
    }
}
