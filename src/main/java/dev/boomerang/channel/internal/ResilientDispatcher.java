package dev.boomerang.channel.internal;

import dev.boomerang.channel.Channel;
import dev.boomerang.channel.ChannelAdapter;
import dev.boomerang.channel.ChannelDispatcher;
import dev.boomerang.channel.Consequence;
import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import dev.boomerang.channel.RecipientRefused;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * {@link ChannelDispatcher} over the selected adapters, each behind its own resilience4j circuit breaker,
 * bulkhead (concurrency limit) and rate limiter, plus a pause when the provider asks to slow down.
 */
final class ResilientDispatcher implements ChannelDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ResilientDispatcher.class);

    /** One selected adapter with its guards. */
    record Guarded(ChannelAdapter adapter, CircuitBreaker breaker, Bulkhead bulkhead, RateLimiter rateLimiter,
            Duration openFor, ProviderPause pause) {
    }

    private final Map<Channel, Guarded> selected;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ResilientDispatcher(Map<Channel, Guarded> selected, ApplicationEventPublisher events, Clock clock) {
        this.selected = new EnumMap<>(selected);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Map<Channel, String> adapters() {
        Map<Channel, String> names = new EnumMap<>(Channel.class);
        selected.forEach((channel, guarded) -> names.put(channel, guarded.adapter().name()));
        return Collections.unmodifiableMap(names);
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        Guarded g = selected.get(message.channel());
        String name = g.adapter().name();
        Instant pausedUntil = g.pause().until();
        if (pausedUntil != null && pausedUntil.isAfter(clock.instant())) {
            return new DeliveryReceipt.RetryLater(name, pausedUntil, name + " is paused: the provider asked to slow down", false);
        }
        if (!g.breaker().tryAcquirePermission()) {
            return new DeliveryReceipt.RetryLater(name, clock.instant().plus(g.openFor()),
                    name + " is paused: its circuit breaker is open after repeated provider failures", false);
        }
        if (!g.bulkhead().tryAcquirePermission()) {
            g.breaker().releasePermission();
            return new DeliveryReceipt.RetryLater(name, clock.instant(), name + ": no free slot within max-wait", false);
        }
        long started = System.nanoTime();
        DeliveryReceipt receipt;
        try {
            if (g.rateLimiter() != null && !g.rateLimiter().acquirePermission()) {
                g.breaker().releasePermission();
                return new DeliveryReceipt.RetryLater(name, clock.instant(), name + ": rate limit, no turn within max-wait", false);
            }
            receipt = g.adapter().send(message);
        }
        catch (RuntimeException ex) {
            // an adapter that throws broke its contract; whether the message left is anyone's guess
            log.error("Adapter {} failed on message {}", name, message.id(), ex);
            receipt = new DeliveryReceipt.Unknown(name, "adapter failed: " + ex);
        }
        finally {
            g.bulkhead().onComplete();
        }
        long took = System.nanoTime() - started;
        if (providerFailed(receipt)) {
            g.breaker().onError(took, TimeUnit.NANOSECONDS, new ProviderFailure(receipt));
        }
        else {
            g.breaker().onSuccess(took, TimeUnit.NANOSECONDS);
        }
        receipt = g.pause().after(receipt, clock.instant());
        if (receipt instanceof DeliveryReceipt.Rejected rejected && rejected.consequence() != Consequence.NONE) {
            events.publishEvent(new RecipientRefused(message.channel(), message.to(), rejected.consequence(), name,
                    rejected.providerCode()));
        }
        return receipt;
    }

    private static boolean providerFailed(DeliveryReceipt receipt) {
        return receipt instanceof DeliveryReceipt.Unknown
                || receipt instanceof DeliveryReceipt.RetryLater retry && retry.providerDown();
    }

    /** What the breaker records as the failure: the receipt's reason, without a stack. */
    static final class ProviderFailure extends RuntimeException {
        ProviderFailure(DeliveryReceipt receipt) {
            super(receipt.toString(), null, false, false);
        }
    }
}
