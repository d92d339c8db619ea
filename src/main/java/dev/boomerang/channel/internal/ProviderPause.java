package dev.boomerang.channel.internal;

import dev.boomerang.channel.DeliveryReceipt;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How an adapter honours "slow down": after a provider-side {@code RETRY_LATER} (429, 503, no connection) the
 * adapter sends nothing until the instant the provider named (Retry-After), or, when it named none, for a pause
 * that doubles with each consecutive such answer, from {@code initial} up to {@code max}. A send that gets
 * through resets it. The circuit breaker judges failure rates over many sends; this judges the last answer.
 */
final class ProviderPause {

    private record State(Instant until, int strikes) {
    }

    private final Duration initial;
    private final Duration max;
    private final AtomicReference<State> state = new AtomicReference<>(new State(null, 0));

    ProviderPause(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The instant sends may resume, or null when not paused. */
    Instant until() {
        return state.get().until();
    }

    /** Records the receipt's verdict on the provider and returns it, its retry instant set to the pause's end. */
    DeliveryReceipt after(DeliveryReceipt receipt, Instant now) {
        if (!(receipt instanceof DeliveryReceipt.RetryLater retry) || !retry.providerDown()) {
            if (!(receipt instanceof DeliveryReceipt.Unknown)) {
                state.set(new State(null, 0));
            }
            return receipt;
        }
        State next = state.updateAndGet(s -> {
            Instant until = retry.after().isAfter(now) ? retry.after() : now.plus(backoff(s.strikes()));
            return new State(s.until() != null && s.until().isAfter(until) ? s.until() : until, s.strikes() + 1);
        });
        return new DeliveryReceipt.RetryLater(retry.adapter(), next.until(), retry.reason(), true);
    }

    private Duration backoff(int strikes) {
        Duration pause = initial;
        for (int i = 0; i < strikes && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) > 0 ? max : pause;
    }
}
