/**
 * Engagement: what recipients do with messages. For now the links every message carries: one-click
 * unsubscribe (RFC 8058) and the preferences page, signed per message so they work without a login and cannot
 * be forged for someone else. Opens, clicks, provider webhooks and attribution follow (issue 6).
 *
 * <p>Attribution credits each new order ({@code OrderPlaced}) to the message that earned it; the API
 * {@link dev.boomerang.engagement.CampaignReports} gives a campaign's counts, conversions, revenue and holdout
 * lift, {@link dev.boomerang.engagement.CustomerTimelines} a customer's messages, events and attributed orders.
 */
package dev.boomerang.engagement;
