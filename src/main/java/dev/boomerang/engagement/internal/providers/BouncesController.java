package dev.boomerang.engagement.internal.providers;

import dev.boomerang.engagement.EngagementEvent;
import dev.boomerang.engagement.EventKind;
import dev.boomerang.engagement.EventLog;
import dev.boomerang.engagement.internal.EngagementProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/engagement/bounces}: bounces and spam complaints an email provider reports after the fact
 * (the ingest API key or an admin login). All or nothing: one bad report refuses the whole request.
 */
@RestController
class BouncesController {

    private final ReportedBounces bounces;
    private final EventLog events;
    private final ObjectMapper mapper;
    private final EngagementProperties.Bounces limits;
    private final Clock clock;

    BouncesController(ReportedBounces bounces, EventLog events, ObjectMapper mapper, EngagementProperties properties,
            Clock clock) {
        this.bounces = bounces;
        this.events = events;
        this.mapper = mapper;
        this.limits = properties.bounces();
        this.clock = clock;
    }

    @PostMapping(path = "/api/engagement/bounces", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> report(InputStream body) throws IOException {
        long max = limits.maxRequestSize().toBytes();
        byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (read.length > max) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "the request body is larger than " + max
                    + " bytes; split it");
        }
        List<BounceReports.Report> reports = BounceReports.read(mapper, read, limits.maxReports(), clock.instant());
        List<EngagementEvent> recorded = bounces.apply(reports);
        recorded.forEach(events::record);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("reports", reports.size());
        answer.put("bounces", reports.stream().filter(r -> r.kind() == EventKind.BOUNCED).count());
        answer.put("complaints", reports.stream().filter(r -> r.kind() == EventKind.COMPLAINED).count());
        answer.put("events", recorded.size());
        return answer;
    }

    @ExceptionHandler
    ProblemDetail rejected(BounceReports.Rejected ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                ex.getMessage() + "; nothing was stored");
        problem.setType(URI.create("https://boomerang.dev/problems/invalid-input"));
        problem.setTitle("Invalid input");
        problem.setProperty("errors", ex.problems().stream().map(p -> {
            Map<String, Object> error = new LinkedHashMap<>();
            if (p.index() >= 0) {
                error.put("index", p.index());
            }
            error.put("field", p.field());
            error.put("message", p.message());
            return error;
        }).toList());
        return problem;
    }
}
