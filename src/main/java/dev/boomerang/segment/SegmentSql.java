package dev.boomerang.segment;

import java.util.List;

/**
 * A rule compiled for one instant: a boolean SQL condition over the customer table aliased {@code c}, with its
 * bind values in the order of its {@code ?} marks. It runs on H2 and PostgreSQL, is never NULL (a customer
 * matches or does not), and reads only the store's tables and {@code customer_rfm}. Embed it in set-based
 * statements, binding your own values before and after it in order:
 *
 * <pre>
 * SegmentSql audience = segments.sql(rule, asOf);
 * jdbc.update("INSERT INTO audience (run_id, customer_id) SELECT ?, c.id FROM customer c WHERE " + audience.condition(),
 *         audience.parametersAfter(runId));
 * </pre>
 *
 * @param condition the condition's SQL text; no value from a definition is ever part of it
 * @param parameters the bind values: OffsetDateTime (UTC), BigDecimal, Long, Integer, String
 */
public record SegmentSql(String condition, List<Object> parameters) {

    public SegmentSql {
        parameters = List.copyOf(parameters);
    }

    /** The ids of matching customers: {@code SELECT c.id FROM customer c WHERE ...}. */
    public String selectIds() {
        return "SELECT c.id FROM customer c WHERE " + condition;
    }

    /** {@code before}, then this condition's parameters: for statements whose own marks come first. */
    public Object[] parametersAfter(Object... before) {
        Object[] all = new Object[before.length + parameters.size()];
        System.arraycopy(before, 0, all, 0, before.length);
        for (int i = 0; i < parameters.size(); i++) {
            all[before.length + i] = parameters.get(i);
        }
        return all;
    }
}
