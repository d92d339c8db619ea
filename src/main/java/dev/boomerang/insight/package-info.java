/**
 * What the store's history says about its customers: RFM scores (quintiles over recency, frequency and
 * spend), retention KPIs and cohorts, and the BG/NBD and Gamma-Gamma models behind P(alive), expected orders
 * and predicted lifetime value. Reads the customer module's tables; writes only its own.
 */
package dev.boomerang.insight;
