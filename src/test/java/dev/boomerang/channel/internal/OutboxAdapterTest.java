package dev.boomerang.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.channel.Channel;
import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The embedded default's adapters: messages become files, emails in the exact MIME form SMTP would carry. */
class OutboxAdapterTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final EmailMime mime = new EmailMime("Bean & Leaf <hello@shop.example.com>", null, clock);

    @Test
    void anEmailBecomesAnEmlFileNamedByItsId() throws Exception {
        OutboxAdapter outbox = new OutboxAdapter(Channel.EMAIL, dir, mime, clock);

        DeliveryReceipt receipt = outbox.send(new OutboundMessage.Email("42", "anna@example.com", "Hello",
                "<p>Hi</p>", "Hi", URI.create("https://boomerang.example.com/u/x")));

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Sent("outbox", "email/42.eml"));
        Path file = dir.resolve("email/42.eml");
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(mail.getSubject()).isEqualTo("Hello");
            assertThat(mail.getMessageID()).isEqualTo("<42.boomerang@shop.example.com>");
            assertThat(mail.getContentType()).startsWith("multipart/alternative");
            assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        }
        try (var files = Files.list(dir.resolve("email"))) {
            assertThat(files).as("no half-written files left behind").containsExactly(file);
        }
    }

    @Test
    void anSmsBecomesAJsonFile() throws Exception {
        OutboxAdapter outbox = new OutboxAdapter(Channel.SMS, dir, mime, clock);

        assertThat(outbox.send(new OutboundMessage.Sms("7", "+48500100200", "Cześć"))).isInstanceOf(DeliveryReceipt.Sent.class);

        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("sms/7.json")));
        assertThat(json.get("to").asString()).isEqualTo("+48500100200");
        assertThat(json.get("body").asString()).isEqualTo("Cześć");
        assertThat(json.get("writtenAt").asString()).isEqualTo("2026-03-01T10:00:00Z");
    }

    @Test
    void anIdCannotPlaceAFileOutsideTheOutbox() {
        OutboxAdapter outbox = new OutboxAdapter(Channel.SMS, dir, mime, clock);

        DeliveryReceipt receipt = outbox.send(new OutboundMessage.Sms("../../escape", "+48500100200", "x"));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Sent.class,
                sent -> assertThat(sent.providerId()).matches("sms/h[0-9a-f]{32}\\.json"));
        assertThat(dir.getParent().resolve("escape.json")).doesNotExist();
    }
}
