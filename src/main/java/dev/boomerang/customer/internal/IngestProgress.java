package dev.boomerang.customer.internal;

/** What a long ingest tells whoever watches it (the command line's progress line); the API ignores it. */
public interface IngestProgress {

    IngestProgress NONE = new IngestProgress() {
    };

    /** {@code rows} input rows have been read. */
    default void rowsRead(long rows) {
    }

    /** The ingest moved on to a stage that reads no more input, such as "merging into the store". */
    default void stage(String what) {
    }
}
