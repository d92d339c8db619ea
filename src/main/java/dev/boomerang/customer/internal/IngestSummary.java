package dev.boomerang.customer.internal;

/** What one accepted batch did. */
public record IngestSummary(String what, long rows, long created, long updated) {

    public long unchanged() {
        return rows - created - updated;
    }
}
