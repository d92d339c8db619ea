package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.Broadcast;
import dev.boomerang.delivery.CampaignRuns;
import dev.boomerang.delivery.Forecast;
import dev.boomerang.delivery.LedgerEntry;
import dev.boomerang.delivery.MessageStatus;
import dev.boomerang.delivery.Run;
import dev.boomerang.delivery.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/** Runs of campaigns: requested here, carried out by the {@code campaignRun} Batch job, accounted from the ledger. */
@Service
class RunService implements CampaignRuns {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final RunStore runs;
    private final Ledger ledger;
    private final Forecasts forecasts;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final Clock clock;

    RunService(RunStore runs, Ledger ledger, Forecasts forecasts, JobOperator jobOperator, JobRepository jobRepository,
            Job campaignRunJob, Clock clock) {
        this.runs = runs;
        this.ledger = ledger;
        this.forecasts = forecasts;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = campaignRunJob;
        this.clock = clock;
    }

    @Override
    public Run request(Broadcast broadcast, String occurrence, Instant asOf, boolean dryRun) {
        long id = runs.request(broadcast.campaignId(), occurrence, asOf, dryRun, clock.instant());
        log.info("run {} of {} requested for occurrence {}{}", id, broadcast.campaignId(), occurrence,
                dryRun ? " (dry run)" : "");
        return run(id).orElseThrow();
    }

    @Override
    public Run execute(long runId) {
        RunStore.RunRow row = runs.row(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        if (row.status() == RunStatus.COMPLETED || row.status() == RunStatus.MISSED) {
            return runs.account(row);
        }
        runs.start(runId, clock.instant());
        JobParameters parameters = new JobParametersBuilder().addLong(RunJob.RUN, runId).toJobParameters();
        JobExecution execution;
        try {
            JobExecution last = jobRepository.getLastJobExecution(RunJob.NAME, parameters);
            if (last == null) {
                execution = jobOperator.start(job, parameters);
            }
            else if (last.getStatus() == BatchStatus.COMPLETED) {
                execution = last;
            }
            else {
                if (last.isRunning()) {
                    // only one execution of a run is ever live (Quartz fires its job once, cluster-wide); one still
                    // marked running here died with its process
                    last = jobOperator.recover(last);
                }
                execution = jobOperator.restart(last);
            }
        }
        catch (Exception ex) {
            runs.finish(runId, RunStatus.FAILED, "could not start: " + ex.getMessage(), clock.instant());
            throw new IllegalStateException("run " + runId + " could not start", ex);
        }
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        String detail = completed ? null : failure(execution);
        runs.finish(runId, completed ? RunStatus.COMPLETED : RunStatus.FAILED, detail, clock.instant());
        Run run = run(runId).orElseThrow();
        log.info("run {} of {}: {} {} {}", runId, row.campaignId(), run.status(), run.messages(), run.skipped());
        return run;
    }

    private static String failure(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        String detail = failures.isEmpty() ? execution.getExitStatus().getExitDescription()
                : String.valueOf(failures.getFirst().getMessage());
        return detail == null || detail.isBlank() ? execution.getStatus().name()
                : detail.substring(0, Math.min(1000, detail.length()));
    }

    @Override
    public Run recordMissed(String campaignId, String occurrence, Instant scheduledFor, String detail) {
        long id = runs.missed(campaignId, occurrence, scheduledFor, detail, clock.instant());
        log.warn("campaign {} missed its {} occurrence: {}", campaignId, occurrence, detail);
        return run(id).orElseThrow();
    }

    @Override
    public List<Run> runs(String campaignId, int limit) {
        List<Run> list = new ArrayList<>();
        for (RunStore.RunRow row : runs.ofCampaign(campaignId, limit)) {
            list.add(runs.account(row));
        }
        return list;
    }

    @Override
    public Optional<Run> run(long runId) {
        return runs.row(runId).map(runs::account);
    }

    @Override
    public Optional<Run> run(String campaignId, String occurrence) {
        return runs.find(campaignId, occurrence).map(runs::account);
    }

    @Override
    public List<Long> pendingSince(Instant requestedBefore) {
        return runs.pendingSince(requestedBefore);
    }

    @Override
    public List<LedgerEntry> messages(String campaignId, String customerExternalId, MessageStatus status, int limit) {
        return ledger.entries(campaignId, customerExternalId, status, limit);
    }

    @Override
    public Forecast forecast(Broadcast broadcast, Instant asOf) {
        return forecasts.forecast(broadcast, asOf);
    }
}
