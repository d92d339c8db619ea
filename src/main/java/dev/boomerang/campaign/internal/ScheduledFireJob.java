package dev.boomerang.campaign.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** A campaign's cron trigger fired: its occurrence is the scheduled fire time, whichever node fires it. */
class ScheduledFireJob extends QuartzJobBean {

    private final CampaignService campaigns;

    ScheduledFireJob(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        campaigns.fire(context.getMergedJobDataMap().getString("campaign"), context.getScheduledFireTime().toInstant());
    }
}
