/**
 * The store's data: customers (contact details, locale, time zone, birthday, free attributes and consent per
 * channel with its history), products, orders with items, carts with items, and per-customer order
 * aggregates kept current on ingest. Data comes in through the REST ingest API, CSV imports on the command
 * line, or the demo store.
 *
 * <p>API: the events {@link dev.boomerang.customer.OrderPlaced}, {@link dev.boomerang.customer.CartChanged}
 * and {@link dev.boomerang.customer.ConsentChanged}, published for live (API) ingest, and the value types
 * they carry; {@link dev.boomerang.customer.Contactability}, through which the modules that learn of consent
 * (an unsubscribe, an SMS STOP) or of dead addresses (a hard bounce) record it. Other modules read the
 * store's tables through their own SQL and write them only through this API.
 */
package dev.boomerang.customer;
