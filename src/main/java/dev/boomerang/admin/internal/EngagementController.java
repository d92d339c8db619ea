package dev.boomerang.admin.internal;

import dev.boomerang.campaign.UnknownCampaignException;
import dev.boomerang.engagement.CampaignReport;
import dev.boomerang.engagement.CampaignReports;
import dev.boomerang.engagement.CustomerTimeline;
import dev.boomerang.engagement.CustomerTimelines;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What campaigns earned and what customers did: a campaign's report (counts, rates, conversions, revenue and
 * holdout lift, overall, per run and per variant) and a customer's timeline of messages, events and orders.
 */
@RestController
@RequestMapping("/api/admin")
class EngagementController {

    private static final int MAX_ROWS = 1000;
    private static final int MAX_RUNS = 500;

    private final CampaignReports reports;
    private final CustomerTimelines timelines;

    EngagementController(CampaignReports reports, CustomerTimelines timelines) {
        this.reports = reports;
        this.timelines = timelines;
    }

    /** @param runs how many of the newest runs to report one by one (the overall figures cover them all) */
    @GetMapping("/campaigns/{id}/report")
    CampaignReport report(@PathVariable String id, @RequestParam(defaultValue = "20") int runs) {
        return reports.report(id, Math.max(1, Math.min(runs, MAX_RUNS)));
    }

    @GetMapping("/customers/{externalId}/timeline")
    CustomerTimeline timeline(@PathVariable String externalId, @RequestParam(defaultValue = "100") int limit) {
        return timelines.timeline(externalId, Math.max(1, Math.min(limit, MAX_ROWS)))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + externalId));
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownCampaignException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }
}
