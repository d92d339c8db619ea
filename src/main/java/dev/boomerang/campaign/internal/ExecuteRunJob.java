package dev.boomerang.campaign.internal;

import dev.boomerang.delivery.CampaignRuns;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Carries out one run on whichever node picked up its trigger. Recovered after a crash (the job requests
 * recovery), when it resumes the run from the ledger.
 */
class ExecuteRunJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(ExecuteRunJob.class);

    private final CampaignRuns runs;

    ExecuteRunJob(CampaignRuns runs) {
        this.runs = runs;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        long runId = context.getMergedJobDataMap().getLong("run");
        if (context.isRecovering()) {
            log.warn("resuming run {} after the node running it stopped", runId);
        }
        try {
            runs.execute(runId);
        }
        catch (RuntimeException ex) {
            // recorded on the run as FAILED; Quartz has nothing to retry by itself
            log.error("run {} failed: {}", runId, ex.getMessage(), ex);
        }
    }
}
