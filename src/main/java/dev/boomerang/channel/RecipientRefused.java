package dev.boomerang.channel;

/**
 * A provider refused an address for good, with a consequence beyond the one message (a mailbox that does not
 * exist, an invalid number, an opt-out at the provider). Published by the {@link ChannelDispatcher} so that
 * the module that owns consent and suppression can act on it. {@code address} is personal data: never log it.
 */
public record RecipientRefused(Channel channel, String address, Consequence consequence, String adapter,
        String providerCode) {

    /** Where the knowledge came from, as recorded with the suppression or consent change: {@code smtp:550}. */
    public String source() {
        return adapter + ":" + providerCode;
    }
}
