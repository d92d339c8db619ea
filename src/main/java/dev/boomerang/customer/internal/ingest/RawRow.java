package dev.boomerang.customer.internal.ingest;

import java.util.List;
import java.util.Map;

/**
 * One input row as it arrived, before validation, the same for CSV and JSON.
 *
 * @param number 1-based position among the data rows (the header row is not counted)
 * @param line the line in a CSV file where the row ends (the header is line 1; a row ends where it starts
 *     unless a quoted cell spans lines), or 0 for JSON
 * @param fields scalar fields by column name; an absent key means "not given, keep what is stored",
 *     a key with a null value means "given empty, clear it"
 * @param attributes free customer attributes (JSON {@code attributes}, CSV {@code attr.NAME} columns)
 * @param items line items (JSON only), each a map of scalar fields; null when the row has no items key
 */
public record RawRow(int number, long line, Map<String, String> fields, Map<String, String> attributes,
        List<Map<String, String>> items) {

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public String get(String field) {
        return fields.get(field);
    }
}
