-- Every message of a campaign changes status twice (claimed, then sent or not), and PostgreSQL adds an entry to
-- each of the table's indexes for every change of a row whose indexed columns change. Three indexes serve only
-- some rows; made partial, they take no entry for the others: a campaign's claim now writes 5 index entries
-- instead of 8, its outcome 6 instead of 8 (bench/campaign.sh). H2 has no partial indexes and keeps V40's and V63's.

-- the sweeper's due messages: only DEFERRED and RETRY are ever looked for
DROP INDEX message_due_idx;
CREATE INDEX message_due_idx ON message (status, not_before) WHERE status IN ('DEFERRED', 'RETRY');

-- flows' messages (no run) left PLANNED or CLAIMED by a node that stopped
DROP INDEX message_journey_planned_idx;
CREATE INDEX message_journey_planned_idx ON message (status, created_at) WHERE run_id IS NULL;

-- provider callbacks find a message by the provider's id, which only a sent message has
DROP INDEX message_provider_idx;
CREATE INDEX message_provider_idx ON message (provider_id) WHERE provider_id IS NOT NULL;
