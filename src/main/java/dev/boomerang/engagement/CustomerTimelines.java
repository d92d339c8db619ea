package dev.boomerang.engagement;

import java.util.Optional;

/** Everything sent to, done by and attributed to one customer. */
public interface CustomerTimelines {

    /** The newest {@code limit} entries, newest first; empty when no customer has that external id. */
    Optional<CustomerTimeline> timeline(String customerExternalId, int limit);
}
