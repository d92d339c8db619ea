package dev.boomerang.customer;

import java.time.Instant;

/** A customer gave or withdrew consent on a channel; {@code source} says from where (api, an import file, ...). */
public record ConsentChanged(long customerId, ContactChannel channel, boolean granted, Instant changedAt,
        String source) {
}
