package dev.boomerang.channel.internal;

import dev.boomerang.channel.Channel;
import dev.boomerang.channel.ChannelAdapter;
import dev.boomerang.channel.ChannelDispatcher;
import dev.boomerang.channel.internal.smtp.SmtpAdapter;
import dev.boomerang.channel.internal.twilio.TwilioAdapter;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The adapters and the dispatcher. The outbox adapters always exist (they cost nothing); {@code smtp} and
 * {@code twilio} are made only when selected, since they cannot exist without their settings. Any other
 * {@link ChannelAdapter} bean (a plug-in) joins them; a channel and name taken twice is a startup error.
 */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChannelConfiguration.class);

    @Bean
    EmailMime emailMime(ChannelProperties properties, Clock clock) {
        return new EmailMime(properties.email().from(), properties.email().replyTo(), clock);
    }

    @Bean
    ChannelAdapter outboxEmail(ChannelProperties properties, EmailMime mime, Clock clock) {
        return new OutboxAdapter(Channel.EMAIL, properties.outbox().directory(), mime, clock);
    }

    @Bean
    ChannelAdapter outboxSms(ChannelProperties properties, EmailMime mime, Clock clock) {
        return new OutboxAdapter(Channel.SMS, properties.outbox().directory(), mime, clock);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "boomerang.channels.email.adapter", havingValue = SmtpAdapter.NAME)
    SmtpAdapter smtpAdapter(ChannelProperties properties, EmailMime mime, Clock clock) {
        return new SmtpAdapter(properties.smtp(), mime, properties.retryAfter(), clock);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "boomerang.channels.sms.adapter", havingValue = TwilioAdapter.NAME)
    TwilioAdapter twilioAdapter(ChannelProperties properties, Clock clock) {
        return new TwilioAdapter(properties.twilio(), clock);
    }

    @Bean
    ChannelDispatcher channelDispatcher(List<ChannelAdapter> adapters, ChannelProperties properties,
            CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads, RateLimiterRegistry rateLimiters,
            ApplicationEventPublisher events, Clock clock) {
        Map<Channel, Map<String, ChannelAdapter>> byChannel = new EnumMap<>(Channel.class);
        for (ChannelAdapter adapter : adapters) {
            ChannelAdapter taken = byChannel.computeIfAbsent(adapter.channel(), c -> new TreeMap<>())
                .putIfAbsent(adapter.name(), adapter);
            if (taken != null) {
                throw new IllegalStateException("two " + adapter.channel().key() + " adapters are named '"
                        + adapter.name() + "': " + taken.getClass().getName() + " and " + adapter.getClass().getName());
            }
        }
        Map<Channel, ResilientDispatcher.Guarded> selected = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            String name = channel == Channel.EMAIL ? properties.email().adapter() : properties.sms().adapter();
            Map<String, ChannelAdapter> known = byChannel.getOrDefault(channel, Map.of());
            ChannelAdapter adapter = known.get(name);
            if (adapter == null) {
                throw new IllegalStateException("boomerang.channels." + channel.key() + ".adapter is '" + name
                        + "': there is no " + channel.key() + " adapter of that name; known: " + String.join(", ", known.keySet())
                        + (channel == Channel.EMAIL ? ", smtp" : ", twilio"));
            }
            ChannelProperties.Limits limits = limits(properties, adapter.name());
            selected.put(channel, guard(adapter, limits, properties.backoff(), breakers, bulkheads, rateLimiters));
            log.info("Channel {}: adapter {} (rate {}/s, concurrency {})", channel.key(), name,
                    limits.rate() > 0 ? limits.rate() : "unlimited", limits.concurrency());
        }
        return new ResilientDispatcher(selected, events, clock);
    }

    private static ChannelProperties.Limits limits(ChannelProperties properties, String adapter) {
        return switch (adapter) {
            case SmtpAdapter.NAME -> properties.smtp().limits();
            case TwilioAdapter.NAME -> properties.twilio().limits();
            default -> properties.outbox().limits();
        };
    }

    static ResilientDispatcher.Guarded guard(ChannelAdapter adapter, ChannelProperties.Limits limits,
            ChannelProperties.Backoff backoff, CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads,
            RateLimiterRegistry rateLimiters) {
        String id = adapter.channel().key() + "-" + adapter.name();
        ChannelProperties.Breaker b = limits.breaker();
        CircuitBreaker breaker = breakers.circuitBreaker(id, CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(Math.max(1, b.window()))
            .minimumNumberOfCalls(Math.max(1, b.minimumCalls()))
            .failureRateThreshold(b.failureRate())
            .waitDurationInOpenState(b.openFor())
            .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, b.minimumCalls())))
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .build());
        breaker.getEventPublisher().onStateTransition(event -> log.warn("Adapter {}: circuit breaker {}", id,
                event.getStateTransition()));
        var bulkhead = bulkheads.bulkhead(id, BulkheadConfig.custom()
            .maxConcurrentCalls(Math.max(1, limits.concurrency()))
            .maxWaitDuration(limits.maxWait())
            .build());
        RateLimiter rateLimiter = limits.rate() <= 0 ? null : rateLimiters.rateLimiter(id, rateConfig(limits));
        return new ResilientDispatcher.Guarded(adapter, breaker, bulkhead, rateLimiter, b.openFor(),
                new ProviderPause(backoff.initial(), backoff.max()));
    }

    /** A steady rate: one permit per 1/rate seconds, or rate/100 permits per 10 ms when that is under 10 ms. */
    static RateLimiterConfig rateConfig(ChannelProperties.Limits limits) {
        double rate = limits.rate();
        long nanosPerPermit = (long) (1_000_000_000L / rate);
        int permits = 1;
        long period = nanosPerPermit;
        if (nanosPerPermit < 10_000_000L) {
            permits = (int) Math.max(1, Math.round(rate / 100));
            period = 10_000_000L;
        }
        return RateLimiterConfig.custom()
            .limitForPeriod(permits)
            .limitRefreshPeriod(Duration.ofNanos(period))
            .timeoutDuration(limits.maxWait())
            .build();
    }
}
