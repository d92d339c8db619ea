package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.Sending;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * A campaign's own send rate ({@code rate-limit:} in its file), on top of the channel's: resilience4j's rate
 * limiter, one per campaign and rate, waiting as long as it takes (a campaign is throttled, never failed).
 */
@Component
class CampaignRates {

    private final ConcurrentMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    void acquire(Sending sending) {
        Integer perSecond = sending.maxPerSecond();
        if (perSecond == null) {
            return;
        }
        RateLimiter limiter = limiters.computeIfAbsent(sending.campaignId() + "@" + perSecond,
                key -> RateLimiter.of(key, RateLimiterConfig.custom().limitForPeriod(perSecond)
                    .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofDays(1)).build()));
        limiter.acquirePermission();
    }
}
