package dev.boomerang.customer.internal.ingest;

/**
 * What is wrong with one field of one input row.
 *
 * @param row 1-based data row (0 for the header or the request as a whole)
 * @param line the CSV line, or 0 where there is none
 * @param field the column or JSON field, e.g. {@code email} or {@code items[2].price}
 * @param message what is wrong, without echoing personal data back at length
 */
public record RowError(int row, long line, String field, String message) {

    @Override
    public String toString() {
        String where = row == 0 ? "header" : line > 0 ? "row " + row + " (line " + line + ")" : "row " + row;
        return where + ", " + field + ": " + message;
    }
}
