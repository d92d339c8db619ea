package dev.boomerang.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boomerang.channel.OutboundMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The message EmailMime writes reads back, header by header and part by part, through Jakarta Mail's parser. */
class EmailMimeTest {

    static final Session SESSION = Session.getInstance(new Properties());
    static final Instant NOW = Instant.parse("2026-11-23T06:48:14Z");
    static final EmailMime MIME = new EmailMime("Sklep Łąka <shop@example.com>", "help@example.com",
            Clock.fixed(NOW, ZoneOffset.UTC));

    static byte[] written(OutboundMessage.Email email) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MIME.build(SESSION, email).writeTo(out);
        return out.toByteArray();
    }

    static MimeMessage parsed(byte[] bytes) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
    }

    static String unix(Object content) {
        return ((String) content).replace("\r\n", "\n");
    }

    @Test
    void aTextAndHtmlEmailReadsBackWithEveryHeaderAndBothParts() throws Exception {
        String text = "Cześć Anno,\nwróć do nas: 15% zniżki.\n.a line starting with a dot\n" + "y".repeat(300) + "\n";
        String html = "<html><body><p>Cześć <b>Anno</b> = 15%</p>\n<p>" + "z ".repeat(200) + "</p></body></html>";
        byte[] bytes = written(new OutboundMessage.Email("m42", "ann@example.com", "Tęsknimy za Tobą, Anno — 15% zniżki",
                html, text, URI.create("https://shop.example.com/u/abc"), "mailto:unsubscribe@example.com"));
        MimeMessage message = parsed(bytes);

        assertThat(message.getFrom()).containsExactly(new InternetAddress("Sklep Łąka <shop@example.com>"));
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Sklep Łąka");
        assertThat(message.getReplyTo()).containsExactly(new InternetAddress("help@example.com"));
        assertThat(message.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress("ann@example.com"));
        assertThat(message.getSubject()).isEqualTo("Tęsknimy za Tobą, Anno — 15% zniżki");
        assertThat(message.getMessageID()).isEqualTo("<m42.boomerang@example.com>");
        assertThat(message.getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(message.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(message.getHeader("List-Unsubscribe", null))
            .isEqualTo("<https://shop.example.com/u/abc>, <mailto:unsubscribe@example.com>");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        Multipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(unix(parts.getBodyPart(0).getContent())).isEqualTo(text);
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(unix(parts.getBodyPart(1).getContent())).isEqualTo(html);
    }

    @Test
    void everyLineIsAsciiEndsInCrlfAndStaysWithinTheLimit() throws Exception {
        String subject = "Długi temat ".repeat(30);
        byte[] bytes = written(new OutboundMessage.Email("m1", "ann@example.com", subject, "<p>" + "ą".repeat(2000)
                + "</p>", "ż".repeat(2000), null));
        String written = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(written.chars()).allMatch(c -> c < 128);
        assertThat(written.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        for (String line : written.split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
        }
        assertThat(parsed(bytes).getSubject()).isEqualTo(subject.strip());
    }

    @Test
    void htmlOnlyAndTextOnlyAreSinglePartMessages() throws Exception {
        MimeMessage html = parsed(written(new OutboundMessage.Email("m2", "ann@example.com", "Hi", "<p>Hi ż</p>", null,
                null)));
        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat(html.getContent()).isEqualTo("<p>Hi ż</p>");
        assertThat(html.getHeader("List-Unsubscribe")).isNull();

        MimeMessage text = parsed(written(new OutboundMessage.Email("m3", "ann@example.com", "Hi", null, "Hi ż", null)));
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(text.getContent()).isEqualTo("Hi ż");
    }

    @Test
    void aSubjectWithLineBreaksIsOneLineAndCannotStartAHeader() throws Exception {
        MimeMessage message = parsed(written(new OutboundMessage.Email("m4", "ann@example.com",
                "Hello\r\nBcc: everyone@example.com\nX", "<p>x</p>", "x", null)));
        assertThat(message.getSubject()).isEqualTo("Hello Bcc: everyone@example.com X");
        assertThat(message.getHeader("Bcc")).isNull();
    }

    @Test
    void aLineBreakSmuggledIntoAHeaderIsRefused() {
        assertThatThrownBy(() -> MIME.build(SESSION, new OutboundMessage.Email("m5", "ann@example.com", "Hi", "<p>x</p>",
                "x", URI.create("https://shop.example.com/u/abc"), "mailto:a@example.com>\r\nBcc: everyone@example.com")))
            .isInstanceOf(MessagingException.class).hasMessageContaining("line break in the List-Unsubscribe header");
    }

    @Test
    void theTransportGetsTheEnvelopeWithoutParsingAnything() throws Exception {
        MimeMessage message = MIME.build(SESSION, new OutboundMessage.Email("m6", "ann@example.com", "Hi", "<p>x</p>",
                "x", null));
        assertThat(message.getFrom()).containsExactly(new InternetAddress("shop@example.com"));
        assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("ann@example.com"));
        assertThat(message.getSubject()).isEqualTo("Hi");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out, new String[] { "Bcc", "Content-Length" });
        assertThat(out.toByteArray()).isEqualTo(written(new OutboundMessage.Email("m6", "ann@example.com", "Hi",
                "<p>x</p>", "x", null)));
    }
}
