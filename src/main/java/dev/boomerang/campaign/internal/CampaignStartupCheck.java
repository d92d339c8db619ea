package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaigns;
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

    CampaignStartupCheck(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public void afterPropertiesSet() {
        if (!campaigns.errors().isEmpty()) {
            throw new InvalidCampaignsException(campaigns.errors());
        }
    }
}
