package dev.boomerang.channel.internal;

import dev.boomerang.channel.ChannelAdapter;
import dev.boomerang.channel.ChannelDispatcher;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A dispatcher over given adapters, as ChannelConfiguration builds it, recording the events it publishes. */
public final class Dispatchers {

    public final List<Object> events = new CopyOnWriteArrayList<>();
    public final ChannelDispatcher dispatcher;

    public Dispatchers(Clock clock, ChannelProperties.Limits limits, ChannelAdapter... adapters) {
        Map<dev.boomerang.channel.Channel, ResilientDispatcher.Guarded> selected = new HashMap<>();
        for (ChannelAdapter adapter : adapters) {
            selected.put(adapter.channel(), ChannelConfiguration.guard(adapter, limits,
                    new ChannelProperties.Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)),
                    CircuitBreakerRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults()));
        }
        this.dispatcher = new ResilientDispatcher(selected, events::add, clock);
    }

    public static ChannelProperties.Limits limits(double rate, int concurrency) {
        return new ChannelProperties.Limits(rate, concurrency, Duration.ofSeconds(10),
                new ChannelProperties.Breaker(10, 5, 50, Duration.ofSeconds(30)));
    }
}
