/**
 * Engagement: what recipients do with messages. For now the links every message carries: one-click
 * unsubscribe (RFC 8058) and the preferences page, signed per message so they work without a login and cannot
 * be forged for someone else. Opens, clicks, provider webhooks and attribution follow (issue 6).
 */
package dev.boomerang.engagement;
