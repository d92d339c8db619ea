/**
 * The only part of Boomerang that hands messages to the outside world: the {@link dev.boomerang.channel.ChannelAdapter}
 * SPI and its adapters ({@code smtp}, {@code twilio}, {@code outbox}), one selected per channel in configuration,
 * behind a {@link dev.boomerang.channel.ChannelDispatcher} that applies each adapter's rate limit, concurrency
 * limit and circuit breaker.
 *
 * <p>API: {@link dev.boomerang.channel.OutboundMessage} in, {@link dev.boomerang.channel.DeliveryReceipt} out
 * (sent, retry later, rejected, unknown: never "try again and hope"), and the event
 * {@link dev.boomerang.channel.RecipientRefused} when a provider refuses an address for good. Depends on no
 * other Boomerang module: the consequence of a refusal (a suppressed address, withdrawn SMS consent) is
 * carried out by whoever listens.
 */
package dev.boomerang.channel;
