package dev.boomerang.admin.internal;

import dev.boomerang.insight.CohortTable;
import dev.boomerang.insight.CustomerInsight;
import dev.boomerang.insight.FitTrigger;
import dev.boomerang.insight.Insight;
import dev.boomerang.insight.ModelFit;
import dev.boomerang.insight.RetentionKpis;
import dev.boomerang.insight.RfmRun;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The insight module for admins: retention KPIs and cohorts, the current model and refits, RFM runs, and a
 * customer's scores and predictions. Days are {@code YYYY-MM-DD} in {@code boomerang.insight.zone}.
 */
@RestController
@RequestMapping("/api/admin")
class InsightController {

    private final Insight insight;

    InsightController(Insight insight) {
        this.insight = insight;
    }

    /** Defaults: asOf today, the period the year that ended 6 months before asOf (the last 6 months are the return window). */
    @GetMapping("/insight/kpis")
    RetentionKpis kpis(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String asOf) {
        LocalDate end = day("asOf", asOf, insight.today());
        LocalDate periodEnd = day("to", to, end.minusMonths(6));
        LocalDate periodStart = day("from", from, periodEnd.minusYears(1).plusDays(1));
        if (periodStart.isAfter(periodEnd)) {
            throw new BadParameter("from", "from " + periodStart + " is after to " + periodEnd);
        }
        if (periodEnd.isAfter(end)) {
            throw new BadParameter("to", "to " + periodEnd + " is after asOf " + end);
        }
        return insight.kpis(periodStart, periodEnd, end);
    }

    /** Defaults: asOf today, cohorts from the month two years before it. */
    @GetMapping("/insight/cohorts")
    CohortTable cohorts(@RequestParam(required = false) String from, @RequestParam(required = false) String asOf) {
        LocalDate end = day("asOf", asOf, insight.today());
        LocalDate first = day("from", from, end.minusMonths(23).withDayOfMonth(1));
        if (first.isAfter(end)) {
            throw new BadParameter("from", "from " + first + " is after asOf " + end);
        }
        return insight.cohorts(first, end);
    }

    @GetMapping("/insight/model")
    ModelFit model() {
        return insight.currentModel().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no model has been fitted yet: POST /api/admin/insight/model fits one"));
    }

    @PostMapping("/insight/model")
    ModelFit refit(@RequestParam(required = false) String asOf) {
        return insight.refit(day("asOf", asOf, insight.today()), FitTrigger.api);
    }

    @PostMapping("/insight/rfm")
    RfmRun rfm(@RequestParam(required = false) String asOf) {
        return insight.scoreRfm(day("asOf", asOf, null));
    }

    @GetMapping("/customers/{externalId}")
    CustomerInsight customer(@PathVariable String externalId) {
        return insight.customer(externalId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no customer with id " + externalId));
    }

    private static LocalDate day(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip());
            if (day.getYear() < 1900 || day.getYear() > 9999) {
                throw new BadParameter(name, name + " must lie in the years 1900 to 9999, not " + value);
            }
            return day;
        }
        catch (DateTimeParseException ex) {
            throw new BadParameter(name, name + " must be a day as YYYY-MM-DD, not '" + value + "'");
        }
    }

    /** A query parameter that cannot be used; the response names it. */
    static final class BadParameter extends RuntimeException {
        final String parameter;

        BadParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }
}
