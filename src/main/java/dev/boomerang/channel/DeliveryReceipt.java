package dev.boomerang.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * What became of one send. There is no "failed, try again" without qualification: either the provider took
 * the message ({@link Sent}), certainly did not and it is safe to send again later ({@link RetryLater}),
 * refused it for good ({@link Rejected}), or the request may have been acted on ({@link Unknown}): the caller
 * must not resend that one blindly.
 */
public sealed interface DeliveryReceipt {

    /** The adapter that produced the receipt ({@code smtp}, {@code twilio}, {@code outbox}). */
    String adapter();

    /** The provider accepted the message; {@code providerId} is its id there (Message-ID, Twilio SID, file name). */
    record Sent(String adapter, String providerId) implements DeliveryReceipt {
    }

    /**
     * Nothing was delivered and sending again at or after {@code after} is safe. {@code providerDown} is true
     * when the provider rather than this recipient was the trouble (no connection, throttled, unavailable):
     * those count towards the adapter's circuit breaker and pause it.
     */
    record RetryLater(String adapter, Instant after, String reason, boolean providerDown) implements DeliveryReceipt {
        public RetryLater {
            Objects.requireNonNull(after, "after");
        }
    }

    /**
     * Refused for good; sending it again would be refused again. {@code providerCode} is the provider's code
     * ({@code 550}, {@code 21610}), {@code consequence} what it means for the address.
     */
    record Rejected(String adapter, String reason, String providerCode, Consequence consequence)
            implements DeliveryReceipt {
        public Rejected {
            Objects.requireNonNull(consequence, "consequence");
        }
    }

    /** The request may have been acted on (a timeout or error after the message left): never resent blindly. */
    record Unknown(String adapter, String reason) implements DeliveryReceipt {
    }
}
