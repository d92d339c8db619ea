package dev.boomerang.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boomerang.channel.Channel;
import dev.boomerang.channel.ChannelAdapter;
import dev.boomerang.channel.ChannelDispatcher;
import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The dispatcher's guards: the adapter selection, the rate limit, the concurrency limit, and adapters that throw. */
class ChannelDispatcherTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    /** An adapter plugged in through the SPI, answering as the test says. */
    record Scripted(String name, Channel channel, Function<OutboundMessage, DeliveryReceipt> answer) implements ChannelAdapter {
        @Override
        public DeliveryReceipt send(OutboundMessage message) {
            return answer.apply(message);
        }
    }

    static OutboundMessage.Sms sms(int i) {
        return new OutboundMessage.Sms("m-" + i, "+48500100200", "hello");
    }

    ChannelProperties properties(String email, String sms) {
        return new ChannelProperties(new ChannelProperties.Email(email, "Shop <shop@example.com>", null),
                new ChannelProperties.Sms(sms), Duration.ofMinutes(15),
                new ChannelProperties.Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)),
                new ChannelProperties.Outbox(Path.of("target/outbox-test"), Dispatchers.limits(0, 4)), null, null);
    }

    ChannelDispatcher configured(ChannelProperties properties, ChannelAdapter... adapters) {
        return new ChannelConfiguration().channelDispatcher(List.of(adapters), properties, CircuitBreakerRegistry.ofDefaults(),
                BulkheadRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults(), event -> { }, clock);
    }

    @Test
    void eachChannelUsesTheAdapterConfiguredForIt() {
        ChannelAdapter outbox = new Scripted("outbox", Channel.SMS, m -> new DeliveryReceipt.Sent("outbox", "o"));
        ChannelAdapter plugin = new Scripted("acme", Channel.SMS, m -> new DeliveryReceipt.Sent("acme", "a"));
        ChannelAdapter email = new Scripted("outbox", Channel.EMAIL, m -> new DeliveryReceipt.Sent("outbox", "e"));

        ChannelDispatcher dispatcher = configured(properties("outbox", "acme"), outbox, plugin, email);

        assertThat(dispatcher.adapters()).isEqualTo(Map.of(Channel.EMAIL, "outbox", Channel.SMS, "acme"));
        assertThat(dispatcher.send(sms(1))).isEqualTo(new DeliveryReceipt.Sent("acme", "a"));
    }

    @Test
    void twoAdaptersWithTheSameChannelAndNameStopTheStart() {
        ChannelAdapter one = new Scripted("acme", Channel.SMS, m -> null);
        ChannelAdapter two = new Scripted("acme", Channel.SMS, m -> null);

        assertThatThrownBy(() -> configured(properties("outbox", "acme"), one, two))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("two sms adapters are named 'acme'");
    }

    @Test
    void anUnknownAdapterNameStopsTheStartNamingTheKnownOnes() {
        ChannelAdapter outbox = new Scripted("outbox", Channel.SMS, m -> null);
        ChannelAdapter email = new Scripted("outbox", Channel.EMAIL, m -> null);

        assertThatThrownBy(() -> configured(properties("outbox", "twillio"), outbox, email))
            .hasMessageContaining("boomerang.channels.sms.adapter is 'twillio'")
            .hasMessageContaining("known: outbox");
    }

    @Test
    void theRateLimitSpacesSends() {
        ChannelAdapter fast = new Scripted("fast", Channel.SMS, m -> new DeliveryReceipt.Sent("fast", m.id()));
        ChannelDispatcher dispatcher = new Dispatchers(clock, Dispatchers.limits(20, 4), fast).dispatcher;

        long started = System.nanoTime();
        for (int i = 0; i < 21; i++) {
            assertThat(dispatcher.send(sms(i))).isInstanceOf(DeliveryReceipt.Sent.class);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // 21 sends at 20 per second cannot take less than the 20 intervals between them (less a scheduling margin)
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void theConcurrencyLimitCapsSendsInFlight() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ChannelAdapter slow = new Scripted("slow", Channel.SMS, m -> {
            int now = inFlight.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return new DeliveryReceipt.Sent("slow", m.id());
        });
        ChannelDispatcher dispatcher = new Dispatchers(clock, Dispatchers.limits(0, 2), slow).dispatcher;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<DeliveryReceipt>> receipts = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int n = i;
            receipts.add(threads.submit(() -> dispatcher.send(sms(n))));
        }
        for (Future<DeliveryReceipt> receipt : receipts) {
            assertThat(receipt.get()).isInstanceOf(DeliveryReceipt.Sent.class);
        }
        threads.shutdown();

        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void anAdapterThatThrowsGivesAnUnknownReceiptNeverAnException() {
        ChannelAdapter broken = new Scripted("broken", Channel.SMS, m -> {
            throw new IllegalStateException("bug");
        });
        ChannelDispatcher dispatcher = new Dispatchers(clock, Dispatchers.limits(0, 2), broken).dispatcher;

        assertThat(dispatcher.send(sms(1))).isInstanceOf(DeliveryReceipt.Unknown.class);
    }
}
