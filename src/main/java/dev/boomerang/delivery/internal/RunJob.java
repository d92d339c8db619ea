package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.Broadcast;
import dev.boomerang.delivery.SendPlans;
import dev.boomerang.segment.Segments;
import java.util.Map;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The Spring Batch job of a run, identified by the run's id: the audience step writes the audience in one
 * transaction (once: a restart finds it written), and the dispatch step sends it. The dispatch step runs
 * outside a Batch transaction on purpose: its claims must be committed before each send, in transactions of
 * its own, not held open around the provider calls.
 */
@Configuration(proxyBeanMethods = false)
class RunJob {

    static final String NAME = "campaignRun";
    static final String RUN = "run";

    @Bean
    Job campaignRunJob(JobRepository jobs, Step campaignAudienceStep, Step campaignDispatchStep) {
        return new JobBuilder(NAME, jobs).start(campaignAudienceStep).next(campaignDispatchStep).build();
    }

    @Bean
    Step campaignAudienceStep(JobRepository jobs, PlatformTransactionManager transactions, RunStore runs,
            SendPlans plans, Segments segments, JdbcTemplate jdbc) {
        return new StepBuilder("campaignAudience", jobs).tasklet((contribution, context) -> {
            RunStore.RunRow run = runs.row(runId(context.getStepContext().getJobParameters())).orElseThrow();
            if (run.audience() == null) {
                Broadcast broadcast = broadcast(plans, run);
                Buckets.Query audience = Buckets.audience(broadcast, segments.sql(broadcast.audience(), run.asOf()));
                int size = jdbc.update("INSERT INTO run_audience (run_id, customer_id, variant, holdout) SELECT ?, a.* FROM ("
                        + audience.sql() + ") a", audience.parametersAfter(run.id()));
                runs.audience(run.id(), size);
            }
            return RepeatStatus.FINISHED;
        }, transactions).allowStartIfComplete(false).build();
    }

    @Bean
    Step campaignDispatchStep(JobRepository jobs, RunStore runs, SendPlans plans, RunDispatcher dispatcher) {
        return new StepBuilder("campaignDispatch", jobs).tasklet((contribution, context) -> {
            RunStore.RunRow run = runs.row(runId(context.getStepContext().getJobParameters())).orElseThrow();
            dispatcher.dispatch(run, broadcast(plans, run));
            return RepeatStatus.FINISHED;
        }, new ResourcelessTransactionManager()).build();
    }

    static Broadcast broadcast(SendPlans plans, RunStore.RunRow run) {
        return plans.broadcast(run.campaignId()).orElseThrow(() -> new IllegalStateException(
                "campaign " + run.campaignId() + " is no longer defined; its run " + run.id() + " cannot go on"));
    }

    private static long runId(Map<String, Object> parameters) {
        return ((Number) parameters.get(RUN)).longValue();
    }
}
