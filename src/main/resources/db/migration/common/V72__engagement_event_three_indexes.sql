-- The campaign report reaches a campaign's events through its messages (message's campaign key, then
-- engagement_event by message), so the event log keeps three indexes instead of four: every open and click
-- writes one row, and each index on it is database work on the tracking endpoints' path (bench/tracking.sh).
DROP INDEX IF EXISTS engagement_event_campaign_idx;
