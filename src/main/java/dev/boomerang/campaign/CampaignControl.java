package dev.boomerang.campaign;

import dev.boomerang.delivery.Run;
import java.time.Instant;
import java.util.List;

/**
 * What an admin does with campaigns: run one now (or rehearse it), pause and resume it (remembered across
 * restarts), see its state and schedule, and plan it.
 */
public interface CampaignControl {

    /**
     * Requests a manual run, carried out in the background (a Quartz job, recovered on another node or after a
     * restart if this one dies). A dry run records what would be sent and skipped and sends nothing.
     * @throws UnknownCampaignException when there is no such campaign
     * @throws dev.boomerang.delivery.RunConflictException when the campaign is paused or has a run in progress
     */
    Run runNow(String campaignId, boolean dryRun);

    void pause(String campaignId);

    void resume(String campaignId);

    /** Every campaign with its state and next fire times. */
    List<CampaignStatus> statuses();

    CampaignStatus status(String campaignId);

    /** The next fire times, and who a run as of {@code asOf} (null: now) would send to and skip. */
    Plan plan(String campaignId, Instant asOf);
}
