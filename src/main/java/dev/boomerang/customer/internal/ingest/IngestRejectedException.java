package dev.boomerang.customer.internal.ingest;

import java.util.List;

/** A batch refused as a whole because of the listed errors; nothing of it was stored. */
public class IngestRejectedException extends RuntimeException {

    private final transient List<RowError> errors;
    private final long errorCount;

    public IngestRejectedException(String what, List<RowError> errors, long errorCount) {
        super(what + " rejected: " + errorCount + (errorCount == 1 ? " error" : " errors") + ", nothing stored");
        this.errors = errors;
        this.errorCount = errorCount;
    }

    /** A problem with the input as a whole (bad header, unreadable body), not with one row. */
    public static IngestRejectedException whole(String what, String field, String message) {
        return new IngestRejectedException(what, List.of(new RowError(0, 0, field, message)), 1);
    }

    public List<RowError> errors() {
        return errors;
    }

    public long errorCount() {
        return errorCount;
    }
}
