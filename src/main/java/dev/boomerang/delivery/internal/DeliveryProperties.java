package dev.boomerang.delivery.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the delivery module, under {@code boomerang.delivery}.
 * @param chunk recipients decided per transaction (policies, ledger rows)
 * @param window messages claimed and not yet finished at most: a run sends in batches of half of it, two out at
 *     once, so at most this many can end UNKNOWN after a crash. 128 rather than 64: with 8 SMTP connections the
 *     sending waited on its own round trips (claim, links, outcomes) between batches, and a 200,000-recipient
 *     campaign took 76 s instead of 82 to 86 (bench/campaign.sh)
 * @param sweepEvery how often deferred and retried messages are looked at
 * @param retryFor how long a message may keep being retried before it is FAILED
 * @param sweeperEnabled off for command lines and tests that drive the sweeper by hand
 */
@ConfigurationProperties("boomerang.delivery")
public record DeliveryProperties(@DefaultValue("500") int chunk, @DefaultValue("128") int window,
        @DefaultValue("30s") Duration sweepEvery, @DefaultValue("24h") Duration retryFor,
        @DefaultValue("true") boolean sweeperEnabled) {

    public DeliveryProperties {
        if (chunk < 1 || window < 1) {
            throw new IllegalArgumentException("boomerang.delivery.chunk and window must be positive");
        }
    }
}
