package dev.boomerang.admin.internal;

import dev.boomerang.segment.AsOf;
import dev.boomerang.segment.InvalidSegmentException;
import dev.boomerang.segment.Preview;
import dev.boomerang.segment.Rule;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.segment.Segments;
import dev.boomerang.segment.Segments.AdHocQuery;
import dev.boomerang.segment.UnknownSegmentException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Segments for admins: the catalog, previews (count and sample) and member lists of defined segments and of
 * ad-hoc rules sent as YAML. Mistakes in an ad-hoc rule come back as an RFC 9457 problem listing every one with
 * line and column.
 */
@RestController
@RequestMapping("/api/admin/segments")
class SegmentsController {

    /** An ad-hoc rule is a few lines; anything much larger is not one. */
    private static final int MAX_BODY = 64 * 1024;
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Segments segments;

    SegmentsController(Segments segments) {
        this.segments = segments;
    }

    record SegmentView(String id, String description, String source, boolean valid, List<Map<String, Object>> errors) {
    }

    record PreviewView(String segment, Instant asOf, long count, long countMillis, List<Preview.Member> sample) {
    }

    @GetMapping
    List<SegmentView> list() {
        return segments.definitions().stream()
            .map(d -> new SegmentView(d.id(), d.description(), d.source(), d.valid(), d.errors().stream().map(SegmentsController::describe).toList()))
            .toList();
    }

    @GetMapping("/{id}/preview")
    PreviewView preview(@PathVariable String id, @RequestParam(required = false) String asOf) {
        Instant t = asOf(asOf);
        return view(id, segments.preview(segments.rule(id), t));
    }

    @GetMapping("/{id}/members")
    void members(@PathVariable String id, @RequestParam(required = false) String asOf, HttpServletResponse response)
            throws IOException {
        csv(id, segments.rule(id), asOf(asOf), response);
    }

    @PostMapping("/preview")
    PreviewView previewAdHoc(HttpServletRequest request) throws IOException {
        AdHocQuery query = segments.readQuery(body(request), "request");
        return view(null, segments.preview(query.rule(), query.asOf()));
    }

    @PostMapping("/members")
    void membersAdHoc(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdHocQuery query = segments.readQuery(body(request), "request");
        csv("segment", query.rule(), query.asOf(), response);
    }

    /**
     * Written on the request's own thread straight into the response, which the container sends on in chunks
     * as its buffer fills: no async timeout for a million members, and memory stays flat.
     */
    private void csv(String name, Rule rule, Instant asOf, HttpServletResponse response) throws IOException {
        segments.sql(rule, asOf); // compile first: a rule that cannot compile is an error status, not a cut-off body
        response.setContentType(CSV.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "-members.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        segments.writeMembers(rule, asOf, writer);
        writer.flush();
    }

    private static PreviewView view(String id, Preview preview) {
        return new PreviewView(id, preview.asOf(), preview.count(), preview.countMillis(), preview.sample());
    }

    private static String body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "an ad-hoc rule may be at most 64 KB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Instant asOf(String text) {
        try {
            return text == null || text.isBlank() ? null : AsOf.parse(text);
        }
        catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "asOf: " + ex.getMessage());
        }
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidSegmentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                ex.errors().size() == 1 ? "the rule has a mistake" : "the rule has " + ex.errors().size() + " mistakes");
        problem.setType(URI.create("https://boomerang.dev/problems/invalid-segment"));
        problem.setTitle("Invalid segment rule");
        problem.setProperty("errors", ex.errors().stream().map(SegmentsController::describe).toList());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownSegmentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Unknown segment");
        return problem;
    }

    private static Map<String, Object> describe(DefinitionError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("source", e.file());
        if (e.line() > 0) {
            error.put("line", e.line());
            error.put("column", e.column());
        }
        error.put("message", e.message());
        if (e.hint() != null) {
            error.put("hint", e.hint());
        }
        return error;
    }
}
