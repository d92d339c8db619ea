package dev.boomerang.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs of campaigns: requesting one (exactly one per occurrence), carrying it out as a Spring Batch job, and
 * its account, down to each customer's ledger row.
 */
public interface CampaignRuns {

    /**
     * Records a run of the campaign for {@code occurrence}, to be selected as of {@code asOf}, PENDING.
     * @throws RunConflictException when the campaign has a run pending or running, or this occurrence exists
     */
    Run request(Broadcast broadcast, String occurrence, Instant asOf, boolean dryRun);

    /**
     * Carries out (or resumes) a run in the calling thread: audience, then dispatch. Safe to call again after
     * a crash or on another node: the ledger decides what is left to do. Returns the run as it ended.
     */
    Run execute(long runId);

    /** Records a scheduled occurrence that was missed by more than the allowed age: MISSED, nothing sent. */
    Run recordMissed(String campaignId, String occurrence, Instant scheduledFor, String detail);

    /** Runs of a campaign, newest first. */
    List<Run> runs(String campaignId, int limit);

    Optional<Run> run(long runId);

    /** The run of a campaign's occurrence, if one was requested or recorded. */
    Optional<Run> run(String campaignId, String occurrence);

    /** Ids of runs still PENDING that were requested before {@code requestedBefore}, oldest first. */
    List<Long> pendingSince(Instant requestedBefore);

    /** Ledger rows, newest first; each filter may be null. */
    List<LedgerEntry> messages(String campaignId, String customerExternalId, MessageStatus status, int limit);

    /** What a run as of {@code asOf} would select and skip; writes nothing. */
    Forecast forecast(Broadcast broadcast, Instant asOf);
}
