package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.CampaignControl;
import dev.boomerang.campaign.CampaignStatus;
import dev.boomerang.campaign.Campaigns;
import dev.boomerang.campaign.Plan;
import dev.boomerang.delivery.CampaignRuns;
import dev.boomerang.delivery.Run;
import dev.boomerang.delivery.RunConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Manual runs, pause and resume, plans, and what a scheduled fire does. */
@Service
class CampaignService implements CampaignControl {

    private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
    private static final int NEXT_FIRES = 5;

    private final Campaigns campaigns;
    private final CampaignRuns runs;
    private final CampaignScheduler scheduler;
    private final StateStore states;
    private final Duration missedMaxAge;
    private final Clock clock;

    CampaignService(Campaigns campaigns, CampaignRuns runs, CampaignScheduler scheduler, StateStore states,
            @Value("${boomerang.policy.missed-schedule-max-age:1h}") Duration missedMaxAge, Clock clock) {
        this.campaigns = campaigns;
        this.runs = runs;
        this.scheduler = scheduler;
        this.states = states;
        this.missedMaxAge = missedMaxAge;
        this.clock = clock;
    }

    @Override
    public Run runNow(String campaignId, boolean dryRun) {
        Campaign campaign = campaigns.campaign(campaignId);
        if (states.paused(campaignId)) {
            throw new RunConflictException("campaign " + campaignId + " is paused; resume it first", -1);
        }
        Instant now = clock.instant();
        String occurrence = (dryRun ? "dry-" : "manual-") + UUID.randomUUID();
        Run run = runs.request(CampaignPlans.broadcast(campaign), occurrence, now, dryRun);
        executeLater(run.id());
        return run;
    }

    /**
     * A scheduled fire time has come (or was found missed): run it, unless it is older than the allowed age
     * (recorded as missed) or the campaign is paused (left alone).
     */
    void fire(String campaignId, Instant scheduledFor) {
        Campaign campaign = campaigns.definition(campaignId).orElse(null);
        if (campaign == null) {
            log.warn("a schedule fired for campaign {}, which is no longer defined", campaignId);
            return;
        }
        if (states.paused(campaignId)) {
            log.info("campaign {} is paused: its {} occurrence is not run", campaignId, scheduledFor);
            return;
        }
        String occurrence = scheduledFor.toString();
        Duration late = Duration.between(scheduledFor, clock.instant());
        if (late.compareTo(missedMaxAge) > 0) {
            runs.recordMissed(campaignId, occurrence, scheduledFor, "fire time missed by " + late.toSeconds()
                    + " s, more than boomerang.policy.missed-schedule-max-age (" + missedMaxAge + "); not sent late");
            return;
        }
        try {
            Run run = runs.request(CampaignPlans.broadcast(campaign), occurrence, scheduledFor, false);
            executeLater(run.id());
        }
        catch (RunConflictException conflict) {
            runs.run(conflict.existingRunId())
                .filter(existing -> existing.occurrence().equals(occurrence))
                .ifPresentOrElse(sameOccurrence -> log.info("campaign {} occurrence {} was already requested (run {})",
                        campaignId, occurrence, sameOccurrence.id()),
                        () -> runs.recordMissed(campaignId, occurrence, scheduledFor,
                                "the previous run was still in progress: " + conflict.getMessage()));
        }
    }

    private void executeLater(long runId) {
        try {
            scheduler.execute(runId);
        }
        catch (SchedulerException ex) {
            // the run stays PENDING; the reconciler schedules it again
            log.error("run {} could not be handed to the scheduler yet: {}", runId, ex.getMessage());
        }
    }

    @Override
    public void pause(String campaignId) {
        campaigns.campaign(campaignId);
        states.set(campaignId, true, clock.instant());
        log.info("campaign {} paused", campaignId);
    }

    @Override
    public void resume(String campaignId) {
        campaigns.campaign(campaignId);
        states.set(campaignId, false, clock.instant());
        log.info("campaign {} resumed", campaignId);
    }

    @Override
    public List<CampaignStatus> statuses() {
        Set<String> paused = states.pausedIds();
        Instant now = clock.instant();
        return campaigns.definitions().stream().map(c -> status(c, paused.contains(c.id()), now)).toList();
    }

    @Override
    public CampaignStatus status(String campaignId) {
        return status(campaigns.campaign(campaignId), states.paused(campaignId), clock.instant());
    }

    private static CampaignStatus status(Campaign campaign, boolean paused, Instant now) {
        return new CampaignStatus(campaign, paused,
                paused ? List.of() : CampaignScheduler.nextFireTimes(campaign, now, NEXT_FIRES));
    }

    @Override
    public Plan plan(String campaignId, Instant asOf) {
        Campaign campaign = campaigns.campaign(campaignId);
        Instant at = asOf == null ? clock.instant() : asOf;
        boolean paused = states.paused(campaignId);
        return new Plan(campaignId, paused, CampaignScheduler.nextFireTimes(campaign, clock.instant(), NEXT_FIRES),
                runs.forecast(CampaignPlans.broadcast(campaign), at));
    }
}
