package dev.boomerang.segment;

/**
 * One mistake in a segment definition or rule, where it is and how to fix it.
 *
 * @param source the file ({@code config/segments/lapsed.yml}) or {@code request}
 * @param line 1-based line, 0 when the mistake is about the whole source
 * @param column 1-based column, 0 when unknown
 * @param message what is wrong
 * @param hint how to fix it (a close known name, the expected form), or null
 */
public record SegmentError(String source, int line, int column, String message, String hint) {

    /** {@code config/segments/lapsed.yml:4:7: unknown condition 'lst-order'; did you mean 'last-order'?} */
    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return where + ": " + message + (hint == null ? "" : "; " + hint);
    }
}
