package dev.boomerang.customer;

/**
 * Whether Boomerang may reach an address, and the one way other modules change that: consent given or
 * withdrawn (recorded in the consent history with its source, and published as {@link ConsentChanged}) and
 * addresses suppressed after a hard bounce, complaint or invalid number. Email addresses are compared in lower
 * case, phone numbers as E.164.
 *
 * <p>A customer is reachable on a channel when their consent on it is {@code true}, they have an address on it,
 * and that address is not suppressed. Segment SQL applies the same rule set-wise.
 */
public interface Contactability {

    /** Suppresses an address on a channel. Idempotent: a suppressed address keeps its first reason and source. */
    void suppress(ContactChannel channel, String address, SuppressionReason reason, String source);

    boolean isSuppressed(ContactChannel channel, String address);

    /** Lifts a suppression (an operator's decision); false when the address was not suppressed. */
    boolean unsuppress(ContactChannel channel, String address);

    /**
     * Gives or withdraws consent on the channel for every customer whose address on it is {@code address} (an
     * SMS STOP or START names a number, not a customer). Returns how many customers changed.
     */
    int setConsent(ContactChannel channel, String address, boolean granted, String source);

    /** Sets one customer's consent on a channel; false when it already was so (nothing recorded) or no such customer. */
    boolean setConsent(long customerId, ContactChannel channel, boolean granted, String source);
}
