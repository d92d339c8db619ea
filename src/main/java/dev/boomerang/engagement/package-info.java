/**
 * Engagement: what recipients do with messages. The links every message carries, signed per message so they
 * work without a login and cannot be forged for someone else: one-click unsubscribe (RFC 8058), the preferences
 * page, and in emails the open pixel and tracked links; the event log they feed. Provider webhooks and
 * attribution follow (issue 6).
 */
package dev.boomerang.engagement;
