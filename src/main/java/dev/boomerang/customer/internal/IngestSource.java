package dev.boomerang.customer.internal;

/**
 * Where a batch came from: recorded with consent changes, and deciding whether events are published.
 *
 * @param label e.g. {@code api}, {@code import:customers.csv}, {@code demo}
 * @param live true for the store's live feed (the API): its orders, carts and consent changes are news that
 *     flows act on; imports and the demo store are history and publish nothing
 */
public record IngestSource(String label, boolean live) {

    public static IngestSource api() {
        return new IngestSource("api", true);
    }

    public static IngestSource importFile(String fileName) {
        String name = fileName.length() > 80 ? fileName.substring(fileName.length() - 80) : fileName;
        return new IngestSource("import:" + name, false);
    }

    public static IngestSource demo() {
        return new IngestSource("demo", false);
    }
}
