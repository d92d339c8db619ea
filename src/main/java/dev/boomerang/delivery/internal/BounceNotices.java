package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.MessageBounced;
import dev.boomerang.delivery.MessageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells other modules which recorded outcomes were bounces: a REJECTED message whose reason says the address
 * itself was refused ({@code address-bounced}, {@code address-invalid}, as {@link Courier} names the
 * consequence). Called after the outcomes are written, never before: the message then exists as REJECTED.
 */
@Component
class BounceNotices {

    private static final Set<String> BOUNCES = Set.of("address-bounced", "address-invalid");

    private final ApplicationEventPublisher events;

    BounceNotices(ApplicationEventPublisher events) {
        this.events = events;
    }

    void recorded(List<Ledger.Outcome> outcomes, Instant at) {
        for (Ledger.Outcome outcome : outcomes) {
            if (outcome.status() == MessageStatus.REJECTED && BOUNCES.contains(outcome.reason())) {
                events.publishEvent(new MessageBounced(outcome.id(), source(outcome), at));
            }
        }
    }

    /** {@code adapter:code}; a rejection's detail starts with the provider's code (see {@link Courier#outcome}). */
    private static String source(Ledger.Outcome outcome) {
        String detail = outcome.detail() == null ? "" : outcome.detail().strip();
        int space = detail.indexOf(' ');
        String code = space < 0 ? detail : detail.substring(0, space);
        return outcome.adapter() + (code.isEmpty() ? "" : ":" + code);
    }
}
