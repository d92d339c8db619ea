/**
 * Segments: who a campaign is for. A rule language over recency, frequency, spend, carts, purchases, RFM
 * scores, predictions (P(alive), expected orders, CLV), consent and customer details
 * ({@link dev.boomerang.segment.Rule}), read from YAML with every mistake reported at once by file, line and
 * column, and compiled to one SQL condition over {@code customer c}
 * that serves a whole audience and a one-customer check alike, on H2 and PostgreSQL.
 *
 * <p>API: {@link dev.boomerang.segment.Segments} (catalog, preview, members, matches, the compiled SQL for
 * set-based statements), {@link dev.boomerang.segment.Rule} and its records, {@link dev.boomerang.segment.RuleErrors}.
 * Reads the customer module's tables and the insight module's {@code customer_rfm}, {@code customer_prediction},
 * {@code customer_expected_orders} and {@code insight_fit}; writes nothing.
 */
package dev.boomerang.segment;
