package dev.boomerang.engagement;

/** What a campaign's messages did and earned, and what its runs did against their holdouts. */
public interface CampaignReports {

    /**
     * The report of a catalog campaign: overall, per run (the newest {@code maxRuns}, each with its holdout
     * lift) and per variant.
     *
     * @throws dev.boomerang.campaign.UnknownCampaignException when the catalog has no such campaign
     */
    CampaignReport report(String campaignId, int maxRuns);
}
