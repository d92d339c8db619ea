package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Campaigns;
import dev.boomerang.delivery.CampaignRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.quartz.CronExpression;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the schedule honest when Quartz could not: at startup and every minute it syncs the cron triggers with
 * the catalog, then looks at each scheduled campaign's fire times since its trigger last fired (or was made),
 * and every one that has no run (every node was down, or the node died in the moment between firing and
 * requesting) is fired now: run late within {@code boomerang.policy.missed-schedule-max-age}, recorded as
 * missed beyond it. Fire times younger than a grace period are Quartz's own business. It also hands the
 * scheduler any run left PENDING without its execution trigger.
 */
@Component
@ConditionalOnWebApplication // the command line neither schedules nor runs campaigns
class MissedFires {

    static final Duration GRACE = Duration.ofMinutes(2);
    private static final int MOST_PER_CAMPAIGN = 1000;

    private final Campaigns campaigns;
    private final CampaignService service;
    private final CampaignScheduler campaignScheduler;
    private final CampaignRuns runs;
    private final Scheduler scheduler;
    private final Clock clock;

    MissedFires(Campaigns campaigns, CampaignService service, CampaignScheduler campaignScheduler, CampaignRuns runs,
            Scheduler scheduler, Clock clock) {
        this.campaigns = campaigns;
        this.service = service;
        this.campaignScheduler = campaignScheduler;
        this.runs = runs;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() throws SchedulerException {
        campaignScheduler.sync();
        reconcile();
    }

    @Scheduled(fixedDelayString = "${boomerang.campaign.reconcile-every:60s}", initialDelayString = "${boomerang.campaign.reconcile-every:60s}")
    void everyMinute() throws SchedulerException {
        if (scheduler.isStarted() && !scheduler.isInStandbyMode()) {
            reconcile();
        }
    }

    /** One pass; returns how many fire times it handled. */
    int reconcile() throws SchedulerException {
        Instant upTo = clock.instant().minus(GRACE);
        int handled = 0;
        for (Campaign campaign : campaigns.definitions()) {
            if (campaign.manualOnly()) {
                continue;
            }
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(campaign.id(), CampaignScheduler.CAMPAIGN_GROUP));
            if (trigger == null) {
                continue;
            }
            Date since = trigger.getPreviousFireTime() != null ? trigger.getPreviousFireTime() : trigger.getStartTime();
            CronExpression cron = CampaignScheduler.cron(campaign);
            Date next = cron.getNextValidTimeAfter(since);
            for (int i = 0; next != null && !next.toInstant().isAfter(upTo) && i < MOST_PER_CAMPAIGN; i++) {
                Instant fireTime = next.toInstant();
                if (runs.run(campaign.id(), fireTime.toString()).isEmpty()) {
                    service.fire(campaign.id(), fireTime);
                    handled++;
                }
                next = cron.getNextValidTimeAfter(next);
            }
        }
        for (long runId : runs.pendingSince(upTo)) {
            // execute() does nothing when the run's trigger is on its way
            campaignScheduler.execute(runId);
        }
        return handled;
    }
}
