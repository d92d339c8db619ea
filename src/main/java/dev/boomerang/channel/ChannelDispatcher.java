package dev.boomerang.channel;

import java.util.Map;

/**
 * Sends messages through the adapter configured for their channel, within that adapter's rate limit and
 * concurrency limit, and behind its circuit breaker: when a provider keeps failing, sends return
 * {@link DeliveryReceipt.RetryLater} at once instead of burning through the recipients. When the provider
 * refuses an address for good, a {@link RecipientRefused} event is published before the receipt is returned.
 */
public interface ChannelDispatcher {

    /** Sends one message; blocks while the adapter's rate or concurrency limit says wait (at most its max-wait). */
    DeliveryReceipt send(OutboundMessage message);

    /** The adapter name selected for each channel. */
    Map<Channel, String> adapters();
}
