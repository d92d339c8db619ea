package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Campaigns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The campaigns' Quartz side, in the clustered JDBC job store: one cron trigger per scheduled campaign (group
 * {@code campaign}) kept in step with the catalog, and a one-shot trigger per run to carry it out (group
 * {@code run}). Both jobs request recovery: when a node dies mid-run, another node (or the same one restarted)
 * runs the job again, and the ledger makes that a resume, not a second send. Misfires do nothing: a fire time
 * missed while every node was down is judged by {@link MissedFires} (late run or recorded as missed).
 */
@Component
class CampaignScheduler {

    private static final Logger log = LoggerFactory.getLogger(CampaignScheduler.class);

    static final String CAMPAIGN_GROUP = "campaign";
    static final String RUN_GROUP = "run";
    static final JobKey FIRE_JOB = JobKey.jobKey("campaign-fire", CAMPAIGN_GROUP);
    static final JobKey EXECUTE_JOB = JobKey.jobKey("execute-run", RUN_GROUP);

    private final Scheduler scheduler;
    private final Campaigns campaigns;

    CampaignScheduler(Scheduler scheduler, Campaigns campaigns) {
        this.scheduler = scheduler;
        this.campaigns = campaigns;
    }

    /** Adds, changes and removes cron triggers so that they are the catalog's schedules. */
    void sync() throws SchedulerException {
        ensureJobs();
        Set<TriggerKey> wanted = new HashSet<>();
        for (Campaign campaign : campaigns.definitions()) {
            if (campaign.manualOnly()) {
                continue;
            }
            TriggerKey key = TriggerKey.triggerKey(campaign.id(), CAMPAIGN_GROUP);
            wanted.add(key);
            Trigger existing = scheduler.getTrigger(key);
            if (existing instanceof CronTrigger cron && cron.getCronExpression().equals(campaign.schedule().cron())
                    && cron.getTimeZone().getID().equals(campaign.schedule().zone().getId())) {
                continue;
            }
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(FIRE_JOB)
                .usingJobData("campaign", campaign.id())
                .withSchedule(CronScheduleBuilder.cronSchedule(campaign.schedule().cron())
                    .inTimeZone(TimeZone.getTimeZone(campaign.schedule().zone()))
                    .withMisfireHandlingInstructionDoNothing())
                .build();
            if (existing == null) {
                try {
                    scheduler.scheduleJob(trigger);
                }
                catch (ObjectAlreadyExistsException anotherNodeWasFirst) {
                    scheduler.rescheduleJob(key, trigger);
                }
            }
            else {
                scheduler.rescheduleJob(key, trigger);
            }
            log.info("campaign {} scheduled: {} ({})", campaign.id(), campaign.schedule().cron(), campaign.schedule().zone());
        }
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(CAMPAIGN_GROUP))) {
            if (!wanted.contains(key)) {
                scheduler.unscheduleJob(key);
                log.info("campaign {} no longer scheduled", key.getName());
            }
        }
    }

    private void ensureJobs() throws SchedulerException {
        for (JobDetail job : List.of(
                JobBuilder.newJob(ScheduledFireJob.class).withIdentity(FIRE_JOB).storeDurably().requestRecovery().build(),
                JobBuilder.newJob(ExecuteRunJob.class).withIdentity(EXECUTE_JOB).storeDurably().requestRecovery().build())) {
            if (!scheduler.checkExists(job.getKey())) {
                try {
                    scheduler.addJob(job, false);
                }
                catch (ObjectAlreadyExistsException anotherNodeWasFirst) {
                    // the same durable job: nothing to do
                }
            }
        }
    }

    /** Has some node carry out the run now: a one-shot trigger {@code run-ID}; a no-op if it exists. */
    void execute(long runId) throws SchedulerException {
        ensureJobs();
        TriggerKey key = TriggerKey.triggerKey("run-" + runId, RUN_GROUP);
        if (scheduler.checkExists(key)) {
            return;
        }
        try {
            scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(key).forJob(EXECUTE_JOB)
                .usingJobData("run", runId).startNow().build());
        }
        catch (ObjectAlreadyExistsException alreadyOnItsWay) {
            // requested twice: once is enough
        }
    }

    /** The next {@code count} fire times of a campaign after {@code from}; empty when it is manual only. */
    static List<Instant> nextFireTimes(Campaign campaign, Instant from, int count) {
        List<Instant> times = new ArrayList<>();
        if (campaign.manualOnly()) {
            return times;
        }
        CronExpression cron = cron(campaign);
        Date next = Date.from(from);
        for (int i = 0; i < count; i++) {
            next = cron.getNextValidTimeAfter(next);
            if (next == null) {
                break;
            }
            times.add(next.toInstant());
        }
        return times;
    }

    static CronExpression cron(Campaign campaign) {
        try {
            CronExpression cron = new CronExpression(campaign.schedule().cron());
            cron.setTimeZone(TimeZone.getTimeZone(campaign.schedule().zone()));
            return cron;
        }
        catch (java.text.ParseException ex) {
            throw new IllegalStateException("the catalog validated this cron: " + campaign.schedule().cron(), ex);
        }
    }
}
