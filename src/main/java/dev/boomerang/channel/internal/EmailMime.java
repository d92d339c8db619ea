package dev.boomerang.channel.internal;

import dev.boomerang.channel.OutboundMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
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
            this.from = encoded(new InternetAddress(from, true));
            this.replyTo = replyTo == null || replyTo.isBlank() ? null
                    : Arrays.stream(InternetAddress.parse(replyTo, true)).map(EmailMime::encoded).toArray(InternetAddress[]::new);
        }
        catch (AddressException ex) {
            throw new IllegalArgumentException("boomerang.channels.email.from / reply-to: not an address: " + ex.getMessage(), ex);
        }
        String address = this.from.getAddress();
        this.domain = address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        this.clock = clock;
    }

    /** The address with its display name encoded (RFC 2047) for a header, as it was read from the settings. */
    private static InternetAddress encoded(InternetAddress address) {
        try {
            return address.getPersonal() == null ? address
                    : new InternetAddress(address.getAddress(), address.getPersonal(), "UTF-8");
        }
        catch (UnsupportedEncodingException ex) {
            throw new IllegalStateException("UTF-8 is not supported", ex);
        }
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

    /**
     * The message, written here once into bytes, whole: headers, and the text and HTML parts encoded
     * quoted-printable. Jakarta Mail would build a tree of parts, work out their headers, and then write it a byte at
     * a time through a chain of streams into the SMTP connection (measured: half of the SMTP adapter's CPU, 15% of a
     * campaign's JVM). Its own pieces still encode what needs encoding: addresses ({@link InternetAddress}) and
     * the subject (RFC 2047, {@link MimeUtility}). The result reads back as the same message through Jakarta Mail
     * (EmailMimeTest).
     */
    public MimeMessage build(Session session, OutboundMessage.Email email) throws MessagingException {
        InternetAddress to = recipient(email.to());
        // a line break in a subject would start a new header: the subject is one line, whatever it was given
        String subject = email.subject().replaceAll("[\\r\\n]+", " ").strip();
        String messageId = messageId(email);
        MimeText out = new MimeText((email.html() == null ? 0 : email.html().length())
                + (email.text() == null ? 0 : email.text().length()));
        out.header("Date", DATE.format(clock.instant().atOffset(ZoneOffset.UTC)));
        out.header("From", InternetAddress.toString(new InternetAddress[] { from }, 6));
        if (replyTo != null) {
            out.header("Reply-To", InternetAddress.toString(replyTo, 10));
        }
        out.header("To", InternetAddress.toString(new InternetAddress[] { to }, 4));
        out.header("Message-ID", messageId);
        try {
            out.header("Subject", MimeUtility.fold(9, MimeUtility.encodeText(subject, "UTF-8", null)));
        }
        catch (UnsupportedEncodingException ex) {
            throw new MessagingException("UTF-8 is not supported", ex);
        }
        out.header("MIME-Version", "1.0");
        if (email.unsubscribe() != null) {
            String target = "<" + email.unsubscribe().toASCIIString() + ">";
            if (email.unsubscribeMailto() != null) {
                target += ", <" + email.unsubscribeMailto() + ">";
            }
            out.header("List-Unsubscribe", target);
            out.header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (email.html() != null && email.text() != null) {
            // "=_" never occurs in quoted-printable ('=' is written =3D, and '_' is no hex digit): the boundary
            // cannot occur in either part
            String boundary = "=_boomerang_" + MessageIds.safe(email.id());
            out.header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
            out.line("");
            out.part(boundary, "plain", email.text());
            out.part(boundary, "html", email.html());
            out.line("--" + boundary + "--");
        }
        else {
            boolean html = email.html() != null;
            out.header("Content-Type", "text/" + (html ? "html" : "plain") + "; charset=UTF-8");
            out.header("Content-Transfer-Encoding", "quoted-printable");
            out.line("");
            out.body(html ? email.html() : email.text());
        }
        return new WrittenMessage(session, from, to, subject, out.bytes());
    }

    /** Dates as RFC 5322 writes them: {@code Mon, 23 Nov 2026 06:48:14 +0000}. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    /** The bytes of a message as it is written: US-ASCII headers, CRLF line ends. */
    private static final class MimeText {

        private final ByteArrayOutputStream bytes;

        MimeText(int size) {
            bytes = new ByteArrayOutputStream(size + 1024);
        }

        /** A header; a line break in its value is refused unless it folds the line (CRLF and a space or tab). */
        void header(String name, String value) throws MessagingException {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean fold = c == '\r' && value.startsWith("\r\n", i) && i + 2 < value.length()
                        && (value.charAt(i + 2) == ' ' || value.charAt(i + 2) == '\t');
                if (fold) {
                    i++;
                }
                else if (c == '\r' || c == '\n' || c > 127) {
                    throw new MessagingException((c > 127 ? "a character that is not ASCII" : "a line break") + " in the "
                            + name + " header");
                }
            }
            line(name + ": " + value);
        }

        void line(String text) {
            bytes.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            bytes.writeBytes(CRLF);
        }

        /** A part of a multipart body; the line break after it belongs to the boundary line that follows. */
        void part(String boundary, String subtype, String content) {
            line("--" + boundary);
            line("Content-Type: text/" + subtype + "; charset=UTF-8");
            line("Content-Transfer-Encoding: quoted-printable");
            line("");
            body(content);
            bytes.writeBytes(CRLF);
        }

        void body(String content) {
            QuotedPrintable.encode(content, bytes);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        private static final byte[] CRLF = { '\r', '\n' };
    }
}
