/**
 * Engagement: what recipients do with messages, and what providers say about them. The links every message
 * carries, signed per message so they work without a login and cannot be forged for someone else: one-click
 * unsubscribe (RFC 8058), the preferences page, and in emails the open pixel and tracked links. Twilio's delivery
 * callbacks and SMS replies (STOP, START, HELP), bounce and complaint reports. All of it lands in the event log
 * ({@link dev.boomerang.engagement.EventLog}).
 *
 * <p>Attribution credits each new order ({@code OrderPlaced}) to the message that earned it; the API
 * {@link dev.boomerang.engagement.CampaignReports} gives a campaign's counts, conversions, revenue and holdout
 * lift, {@link dev.boomerang.engagement.CustomerTimelines} a customer's messages, events and attributed orders.
 */
package dev.boomerang.engagement;
