package dev.boomerang.customer.internal.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every error of a batch. All of them are counted; the first {@link #KEPT} are kept in full, so a
 * file with millions of bad rows cannot exhaust memory while the report still shows every class of mistake.
 */
public final class RowErrors {

    public static final int KEPT = 1000;

    private final List<RowError> kept = new ArrayList<>();
    private long count;

    public void add(RawRow row, String field, String message) {
        add(new RowError(row.number(), row.line(), field, message));
    }

    public void add(RowError error) {
        count++;
        if (kept.size() < KEPT) {
            kept.add(error);
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public long count() {
        return count;
    }

    public List<RowError> kept() {
        return Collections.unmodifiableList(kept);
    }

    /** Throws when anything was collected: the whole batch is refused. */
    public void throwIfAny(String what) {
        if (count > 0) {
            throw new IngestRejectedException(what, List.copyOf(kept), count);
        }
    }
}
