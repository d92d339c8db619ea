package dev.boomerang.channel;

/**
 * A way out to a provider for one channel. Adapters are Spring beans; {@code boomerang.channels.email.adapter}
 * and {@code boomerang.channels.sms.adapter} name the one each channel uses. Two adapters may not share a
 * channel and a name.
 *
 * <p>{@link #send} never throws for anything the provider or the network does: every outcome is a
 * {@link DeliveryReceipt}, classified so that nothing is sent twice by accident. Adapters are called from many
 * threads at once; the dispatcher, not the adapter, applies rate and concurrency limits.
 */
public interface ChannelAdapter {

    /** The adapter's name in configuration: {@code smtp}, {@code twilio}, {@code outbox}. */
    String name();

    Channel channel();

    DeliveryReceipt send(OutboundMessage message);
}
