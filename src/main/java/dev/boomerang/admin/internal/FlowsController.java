package dev.boomerang.admin.internal;

import dev.boomerang.flow.Enrollment;
import dev.boomerang.flow.FlowControl;
import dev.boomerang.flow.FlowSummary;
import dev.boomerang.flow.TriggerRequest;
import dev.boomerang.flow.TriggerResult;
import dev.boomerang.campaign.UnknownFlowException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
 * Flows for admins: the list with journey counts, triggers run now (or for named customers, carts or orders; dry
 * runs say who would be enrolled or skipped and why), the journeys, pause and resume.
 */
@RestController
@RequestMapping("/api/admin/flows")
class FlowsController {

    private static final int MAX_ROWS = 1000;
    private static final int MAX_NAMED = 10_000;

    private final FlowControl flows;

    FlowsController(FlowControl flows) {
        this.flows = flows;
    }

    /** The body of a trigger request; every part optional. */
    record Trigger(List<String> customers, List<String> carts, List<String> orders, Boolean dryRun) {
    }

    @GetMapping
    List<FlowSummary> list() {
        return flows.flows();
    }

    @PostMapping("/{id}/trigger")
    TriggerResult trigger(@PathVariable String id, @RequestBody(required = false) Trigger body) {
        Trigger t = body == null ? new Trigger(null, null, null, null) : body;
        for (List<String> named : Arrays.asList(t.customers(), t.carts(), t.orders())) {
            if (named != null && (named.size() > MAX_NAMED || named.stream().anyMatch(x -> x == null || x.isBlank()))) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "customers, carts and orders are lists of at most "
                        + MAX_NAMED + " non-empty ids");
            }
        }
        return flows.trigger(id, new TriggerRequest(t.customers(), t.carts(), t.orders(), Boolean.TRUE.equals(t.dryRun()),
                "admin"));
    }

    @GetMapping("/{id}/enrollments")
    List<Enrollment> enrollments(@PathVariable String id, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") int limit) {
        Enrollment.Status wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = Enrollment.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status: '" + status
                        + "' is not one of active, completed, exited");
            }
        }
        return flows.enrollments(id, wanted, Math.max(1, Math.min(limit, MAX_ROWS)));
    }

    @PostMapping("/{id}/pause")
    FlowSummary pause(@PathVariable String id) {
        return flows.pause(id);
    }

    @PostMapping("/{id}/resume")
    FlowSummary resume(@PathVariable String id) {
        return flows.resume(id);
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownFlowException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }
}
