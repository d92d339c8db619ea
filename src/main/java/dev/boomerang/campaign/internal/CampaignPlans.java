package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Campaigns;
import dev.boomerang.campaign.Flow;
import dev.boomerang.delivery.Broadcast;
import dev.boomerang.delivery.SendPlans;
import dev.boomerang.delivery.Sending;
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

    @Override
    public Optional<Sending> sending(String campaignId, String step) {
        if (Broadcast.STEP.equals(step)) {
            Optional<Sending> campaign = broadcast(campaignId).map(Broadcast::sending);
            if (campaign.isPresent()) {
                return campaign;
            }
        }
        return campaigns.flow(campaignId).flatMap(flow -> flow.steps().stream()
            .filter(s -> s.id().equals(step) && s instanceof Flow.Send)
            .map(s -> sending(flow, (Flow.Send) s))
            .findFirst());
    }

    static Sending sending(Flow flow, Flow.Send send) {
        return new Sending(flow.id(), flow.name(), send.channel(), send.variants(), send.discount(), flow.maxPerSecond());
    }

    static Broadcast broadcast(Campaign c) {
        return new Broadcast(c.id(), c.name(), c.channel(), c.audience(), c.variants(), c.holdoutPercent(), c.priority(),
                c.discount(), c.maxPerSecond());
    }
}
