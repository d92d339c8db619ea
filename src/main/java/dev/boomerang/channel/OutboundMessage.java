package dev.boomerang.channel;

import java.net.URI;
import java.util.Objects;

/**
 * One message to one recipient, rendered and ready to go. {@code id} is the caller's unique key for it (the
 * send ledger's message id): it becomes the email's Message-ID and the outbox file name, so the same message
 * sent again is recognisable as the same.
 */
public sealed interface OutboundMessage {

    String id();

    /** The recipient's address on the channel: an email address or an E.164 number. */
    String to();

    Channel channel();

    /**
     * An email: HTML and text alternatives of one content. {@code unsubscribe} is the HTTPS one-click
     * unsubscribe URL (RFC 8058) for the List-Unsubscribe headers; {@code unsubscribeMailto} an optional
     * {@code mailto:} address for clients that only know that form.
     */
    record Email(String id, String to, String subject, String html, String text, URI unsubscribe,
            String unsubscribeMailto) implements OutboundMessage {

        public Email {
            requireId(id);
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(subject, "subject");
            if (html == null && text == null) {
                throw new IllegalArgumentException("an email needs an HTML or a text body");
            }
            if (unsubscribe != null && !"https".equalsIgnoreCase(unsubscribe.getScheme())) {
                throw new IllegalArgumentException("the one-click unsubscribe URL must be https: " + unsubscribe);
            }
            if (unsubscribeMailto != null && !unsubscribeMailto.startsWith("mailto:")) {
                throw new IllegalArgumentException("unsubscribeMailto must be a mailto: URI");
            }
        }

        public Email(String id, String to, String subject, String html, String text, URI unsubscribe) {
            this(id, to, subject, html, text, unsubscribe, null);
        }

        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }
    }

    /** A text message; {@code to} is an E.164 number. */
    record Sms(String id, String to, String body) implements OutboundMessage {

        public Sms {
            requireId(id);
            Objects.requireNonNull(to, "to");
            if (body == null || body.isEmpty()) {
                throw new IllegalArgumentException("an SMS needs a body");
            }
        }

        @Override
        public Channel channel() {
            return Channel.SMS;
        }
    }

    private static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a message needs an id");
        }
    }
}
