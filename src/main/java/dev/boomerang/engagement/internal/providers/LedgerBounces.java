package dev.boomerang.engagement.internal.providers;

import dev.boomerang.delivery.MessageBounced;
import dev.boomerang.engagement.EngagementEvent;
import dev.boomerang.engagement.EventKind;
import dev.boomerang.engagement.EventLog;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A message the provider refused at sending because of its address (SMTP 550, Twilio 21211) is a bounce like one
 * reported later: an event about that message. The address itself is suppressed by delivery.
 */
@Component
class LedgerBounces {

    private final EventLog events;

    LedgerBounces(EventLog events) {
        this.events = events;
    }

    @EventListener
    void on(MessageBounced bounced) {
        events.record(EngagementEvent.ofMessage(EventKind.BOUNCED, bounced.messageId(), null, bounced.at(),
                bounced.source()));
    }
}
