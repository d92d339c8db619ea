/**
 * Campaigns: the catalog of YAML broadcasts and flows under {@code config/campaigns}, their validation, schedules (Quartz,
 * clustered), pause and resume, and plans (who would get what, and who would be skipped and why). A run itself
 * is the delivery module's.
 *
 * <p>API so far: {@link dev.boomerang.campaign.Campaigns} (the catalog, read and checked at startup against the
 * segments and templates; docs/campaigns.md), {@link dev.boomerang.campaign.Campaign},
 * {@link dev.boomerang.campaign.UnknownCampaignException}, {@link dev.boomerang.campaign.Flow} (a flow's definition,
 * docs/flows.md; the flow module runs its journeys), {@link dev.boomerang.campaign.UnknownFlowException}.
 */
package dev.boomerang.campaign;
