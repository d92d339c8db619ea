package dev.boomerang.insight.internal;

import dev.boomerang.insight.FitTrigger;
import dev.boomerang.insight.Insight;
import dev.boomerang.insight.ModelFitException;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The scheduled RFM run and model refit, as Quartz jobs: in the clustered job store each fires once across all
 * nodes. The cron expressions come from {@code boomerang.insight.rfm.cron} and {@code boomerang.insight.model.cron}
 * (read in {@code boomerang.insight.zone}); {@code -} switches a job off.
 */
@Configuration(proxyBeanMethods = false)
class InsightSchedule {

    private static final Logger log = LoggerFactory.getLogger(InsightSchedule.class);

    @DisallowConcurrentExecution
    static class RfmJob extends QuartzJobBean {
        private final Insight insight;

        RfmJob(Insight insight) {
            this.insight = insight;
        }

        @Override
        protected void executeInternal(JobExecutionContext context) {
            var run = insight.scoreRfm(null);
            log.info("scheduled RFM run: {} customers scored in {} ms", run.customers(), run.took().toMillis());
        }
    }

    @DisallowConcurrentExecution
    static class FitJob extends QuartzJobBean {
        private final Insight insight;

        FitJob(Insight insight) {
            this.insight = insight;
        }

        @Override
        protected void executeInternal(JobExecutionContext context) {
            try {
                var fit = insight.refit(null, FitTrigger.schedule);
                log.info("scheduled model fit {}: {} customers, fitted in {} ms, predictions in {} ms", fit.id(),
                        fit.customers(), fit.fitTime().toMillis(), fit.scoreTime().toMillis());
            }
            catch (ModelFitException ex) {
                log.warn("scheduled model fit skipped: {}", ex.getMessage());
            }
        }
    }

    @Bean
    @ConditionalOnExpression("'${boomerang.insight.rfm.cron:0 30 2 * * ?}' != '-'")
    JobDetail insightRfmJob() {
        return JobBuilder.newJob(RfmJob.class).withIdentity("insight-rfm", "insight").storeDurably().build();
    }

    @Bean
    @ConditionalOnExpression("'${boomerang.insight.rfm.cron:0 30 2 * * ?}' != '-'")
    Trigger insightRfmTrigger(InsightProperties properties) {
        return TriggerBuilder.newTrigger().forJob("insight-rfm", "insight").withIdentity("insight-rfm", "insight")
            .withSchedule(CronScheduleBuilder.cronSchedule(properties.rfm().cron())
                .inTimeZone(TimeZone.getTimeZone(properties.zone())).withMisfireHandlingInstructionFireAndProceed())
            .build();
    }

    @Bean
    @ConditionalOnExpression("'${boomerang.insight.model.cron:0 0 3 * * ?}' != '-'")
    JobDetail insightFitJob() {
        return JobBuilder.newJob(FitJob.class).withIdentity("insight-fit", "insight").storeDurably().build();
    }

    @Bean
    @ConditionalOnExpression("'${boomerang.insight.model.cron:0 0 3 * * ?}' != '-'")
    Trigger insightFitTrigger(InsightProperties properties) {
        return TriggerBuilder.newTrigger().forJob("insight-fit", "insight").withIdentity("insight-fit", "insight")
            .withSchedule(CronScheduleBuilder.cronSchedule(properties.model().cron())
                .inTimeZone(TimeZone.getTimeZone(properties.zone())).withMisfireHandlingInstructionFireAndProceed())
            .build();
    }
}
