package dev.boomerang.customer.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the customer module, under {@code boomerang.customer}.
 *
 * @param defaultCurrency the currency of orders and carts that name none (ISO 4217)
 * @param defaultPhoneRegion the region (ISO 3166 alpha-2) a phone number without + is read in; empty means
 *     every number must be international
 * @param maxRowsPerRequest the most rows one API request may carry; bulk loads go through the command line
 * @param maxRequestSize the largest body one API request may carry
 * @param demo the demo store seeded into an empty database
 * @param rebuildIndexesFrom on PostgreSQL, a batch of at least this many orders, into a store holding fewer, has
 *     the orders' secondary indexes built again after the merge instead of maintained order by order (faster by far
 *     for a first import of millions; other readers of the orders wait for that transaction); 0: never
 */
@ConfigurationProperties("boomerang.customer")
public record CustomerProperties(@DefaultValue("USD") String defaultCurrency, String defaultPhoneRegion,
        @DefaultValue("100000") int maxRowsPerRequest, @DefaultValue("64MB") DataSize maxRequestSize,
        @DefaultValue Demo demo, @DefaultValue("100000") long rebuildIndexesFrom) {

    /**
     * @param enabled seed the demo store when the database has no customers
     * @param customers how many customers the demo store has
     * @param seed the random seed: the same seed gives the same store (relative to the day it is seeded)
     */
    public record Demo(@DefaultValue("false") boolean enabled, @DefaultValue("3000") int customers,
            @DefaultValue("20260101") long seed) {
    }
}
