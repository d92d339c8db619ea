package dev.boomerang.channel.internal;

import dev.boomerang.channel.OutboundMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Locale;

/**
 * Builds the MIME message of an email, the same for every adapter that speaks MIME (SMTP, the outbox's .eml
 * files): multipart/alternative with the text part first and the HTML part last (clients show the last one
 * they can), From, Reply-To, a Message-ID made from the message's id, and the RFC 8058 one-click
 * unsubscribe headers.
 */
public final class EmailMime {

    static {
        // Jakarta Mail 2.1 finds its StreamProvider with a ServiceLoader (a scan of every jar on the class path) for
        // each body part it writes, unless this property names it. Measured: over half of the SMTP adapter's
        // allocations and much of its time; named, the lookup is one Class.forName.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final InternetAddress from;
    private final InternetAddress[] replyTo;
    private final String domain;
    private final Clock clock;

    public EmailMime(String from, String replyTo, Clock clock) {
        try {
            this.from = new InternetAddress(from, true);
            this.replyTo = replyTo == null || replyTo.isBlank() ? null : InternetAddress.parse(replyTo, true);
        }
        catch (AddressException ex) {
            throw new IllegalArgumentException("boomerang.channels.email.from / reply-to: not an address: " + ex.getMessage(), ex);
        }
        String address = this.from.getAddress();
        this.domain = address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        this.clock = clock;
    }

    /** The domain of the From address: Message-IDs are made in it. */
    public String domain() {
        return domain;
    }

    /** The Message-ID this message gets (angle brackets included); the same id gives the same Message-ID. */
    public String messageId(OutboundMessage.Email email) {
        return "<" + MessageIds.safe(email.id()) + ".boomerang@" + domain + ">";
    }

    /** The recipient as an address, or an exception naming what is wrong (never the address: it is personal). */
    static InternetAddress recipient(String to) throws AddressException {
        return new InternetAddress(to, true);
    }

    public MimeMessage build(Session session, OutboundMessage.Email email) throws MessagingException {
        String messageId = messageId(email);
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(from);
        if (replyTo != null) {
            mime.setReplyTo(replyTo);
        }
        mime.setRecipient(MimeMessage.RecipientType.TO, recipient(email.to()));
        // a line break in a subject would start a new header: the subject is one line, whatever it was given
        mime.setSubject(email.subject().replaceAll("[\\r\\n]+", " ").strip(), StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(clock.instant()));
        if (email.unsubscribe() != null) {
            String target = "<" + email.unsubscribe().toASCIIString() + ">";
            if (email.unsubscribeMailto() != null) {
                target += ", <" + email.unsubscribeMailto() + ">";
            }
            mime.setHeader("List-Unsubscribe", target);
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (email.html() != null && email.text() != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(part(email.text(), "plain"));
            alternative.addBodyPart(part(email.html(), "html"));
            mime.setContent(alternative);
        }
        else if (email.html() != null) {
            mime.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
        }
        else {
            mime.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
        }
        mime.saveChanges();
        return mime;
    }

    /**
     * A text part, encoded quoted-printable here, once, into bytes. Jakarta Mail would encode it while writing,
     * a byte at a time through a chain of streams into the SMTP connection: measured, half of the SMTP adapter's
     * time. Its other way out, 8BITMIME conversion, reads each part back through a thread of its own, slower
     * still. See {@link QuotedPrintable}.
     */
    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
        headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return new MimeBodyPart(headers, QuotedPrintable.encode(content));
    }


}
