package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaigns;
import dev.boomerang.segment.Segments;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The server refuses to start with a bad campaign definition rather than run half a catalog or schedule a wrong
 * one. Only the server: {@code campaigns validate} on the command line must start in order to list the mistakes.
 */
@Component
@ConditionalOnWebApplication
class CampaignStartupCheck implements InitializingBean {

    private final Campaigns campaigns;
    private final Segments segments;

    CampaignStartupCheck(Campaigns campaigns, Segments segments) {
        this.campaigns = campaigns;
        this.segments = segments;
    }

    /**
     * Bad segments are the segment module's to report (its own check refuses the start): campaigns naming them
     * would only echo the cause, so they wait until the segments are fixed.
     */
    @Override
    public void afterPropertiesSet() {
        if (!campaigns.errors().isEmpty() && segments.errors().isEmpty()) {
            throw new InvalidCampaignsException(campaigns.errors());
        }
    }
}
