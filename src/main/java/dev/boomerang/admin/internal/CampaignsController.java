package dev.boomerang.admin.internal;

import dev.boomerang.campaign.CampaignControl;
import dev.boomerang.campaign.CampaignStatus;
import dev.boomerang.campaign.Plan;
import dev.boomerang.campaign.UnknownCampaignException;
import dev.boomerang.delivery.CampaignRuns;
import dev.boomerang.delivery.LedgerEntry;
import dev.boomerang.delivery.MessageStatus;
import dev.boomerang.delivery.Run;
import dev.boomerang.delivery.RunConflictException;
import dev.boomerang.segment.AsOf;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Campaigns for admins: the list with state and next fire times, manual and dry runs (202 with the run; 409
 * when a run is in progress or the campaign is paused), runs and their account, pause and resume, plans, and
 * the send ledger ("what did this customer get, or why not").
 */
@RestController
@RequestMapping("/api/admin")
class CampaignsController {

    private static final int MAX_ROWS = 1000;

    private final CampaignControl campaigns;
    private final CampaignRuns runs;

    CampaignsController(CampaignControl campaigns, CampaignRuns runs) {
        this.campaigns = campaigns;
        this.runs = runs;
    }

    record RunRequest(Boolean dryRun) {
    }

    @GetMapping("/campaigns")
    List<CampaignStatus> list() {
        return campaigns.statuses();
    }

    @GetMapping("/campaigns/{id}")
    CampaignStatus one(@PathVariable String id) {
        return campaigns.status(id);
    }

    @PostMapping("/campaigns/{id}/runs")
    ResponseEntity<Run> run(@PathVariable String id, @RequestBody(required = false) RunRequest request) {
        boolean dryRun = request != null && Boolean.TRUE.equals(request.dryRun());
        Run run = campaigns.runNow(id, dryRun);
        return ResponseEntity.accepted().location(URI.create("/api/admin/campaigns/" + id + "/runs/" + run.id())).body(run);
    }

    @GetMapping("/campaigns/{id}/runs")
    List<Run> runs(@PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
        campaigns.status(id);
        return runs.runs(id, Math.max(1, Math.min(limit, MAX_ROWS)));
    }

    @GetMapping("/campaigns/{id}/runs/{runId}")
    Run run(@PathVariable String id, @PathVariable long runId) {
        return runs.run(runId).filter(r -> r.campaignId().equals(id))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "campaign " + id + " has no run " + runId));
    }

    @PostMapping("/campaigns/{id}/pause")
    CampaignStatus pause(@PathVariable String id) {
        campaigns.pause(id);
        return campaigns.status(id);
    }

    @PostMapping("/campaigns/{id}/resume")
    CampaignStatus resume(@PathVariable String id) {
        campaigns.resume(id);
        return campaigns.status(id);
    }

    @GetMapping("/campaigns/{id}/plan")
    Plan plan(@PathVariable String id, @RequestParam(required = false) String asOf) {
        Instant at;
        try {
            at = asOf == null || asOf.isBlank() ? null : AsOf.parse(asOf);
        }
        catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "asOf: " + ex.getMessage());
        }
        return campaigns.plan(id, at);
    }

    @GetMapping("/messages")
    List<LedgerEntry> messages(@RequestParam(required = false) String campaign,
            @RequestParam(required = false) String customer, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") int limit) {
        MessageStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = MessageStatus.valueOf(status.toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status: one of " + List.of(MessageStatus.values()));
            }
        }
        return runs.messages(blankToNull(campaign), blankToNull(customer), wanted, Math.max(1, Math.min(limit, MAX_ROWS)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownCampaignException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(RunConflictException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        if (ex.existingRunId() > 0) {
            problem.setProperty("runId", ex.existingRunId());
        }
        return problem;
    }
}
