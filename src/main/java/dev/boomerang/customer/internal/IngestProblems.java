package dev.boomerang.customer.internal;

import dev.boomerang.customer.internal.ingest.IngestRejectedException;
import dev.boomerang.customer.internal.ingest.RowError;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem responses for the ingest API: every bad row and field, so one fix round is enough. */
@RestControllerAdvice(assignableTypes = { IngestController.class, CustomerController.class })
class IngestProblems {

    @ExceptionHandler
    ProblemDetail rejected(IngestRejectedException ex) {
        boolean whole = ex.errors().stream().allMatch(e -> e.row() == 0);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                whole ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        problem.setType(URI.create("https://boomerang.dev/problems/invalid-input"));
        problem.setTitle("Invalid input");
        problem.setProperty("errorCount", ex.errorCount());
        problem.setProperty("errors", ex.errors().stream().map(IngestProblems::describe).toList());
        return problem;
    }

    /** A unique key taken by a concurrent request, a deadlock, a lock not granted: all safe to send again. */
    @ExceptionHandler({ DuplicateKeyException.class, ConcurrencyFailureException.class })
    ProblemDetail conflict(Exception ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "another request stored the same record at the same moment; nothing of this one was stored, send it again");
        problem.setTitle("Concurrent update");
        return problem;
    }

    /**
     * A rule of the store's tables that validation did not foresee. The database's own message is not
     * repeated: it can quote the offending values, personal data among them.
     */
    @ExceptionHandler
    ProblemDetail refusedByDatabase(DataIntegrityViolationException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "the batch breaks a rule of the store's data; nothing of it was stored");
        problem.setTitle("Invalid input");
        return problem;
    }

    private static Map<String, Object> describe(RowError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("row", e.row());
        if (e.line() > 0) {
            error.put("line", e.line());
        }
        error.put("field", e.field());
        error.put("message", e.message());
        return error;
    }
}
