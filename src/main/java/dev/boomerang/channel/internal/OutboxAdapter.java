package dev.boomerang.channel.internal;

import dev.boomerang.channel.Channel;
import dev.boomerang.channel.ChannelAdapter;
import dev.boomerang.channel.Consequence;
import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded default for both channels: every message becomes a file instead of leaving the machine, emails
 * as {@code DIR/email/ID.eml} (the exact MIME message SMTP would carry; any mail client opens it) and SMS as
 * {@code DIR/sms/ID.json}. A file appears whole or not at all (written aside, then moved into place).
 */
final class OutboxAdapter implements ChannelAdapter {

    static final String NAME = "outbox";

    private final Channel channel;
    private final Path directory;
    private final EmailMime mime;
    private final Session session = Session.getInstance(new Properties());
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;

    OutboxAdapter(Channel channel, Path root, EmailMime mime, Clock clock) {
        this.channel = channel;
        this.directory = root.resolve(channel.key()).toAbsolutePath().normalize();
        this.mime = mime;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    Path directory() {
        return directory;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        String file = MessageIds.safe(message.id()) + (message instanceof OutboundMessage.Email ? ".eml" : ".json");
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".writing-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    switch (message) {
                        case OutboundMessage.Email email -> mime.build(session, email).writeTo(out);
                        case OutboundMessage.Sms sms -> out.write(json(sms).getBytes(StandardCharsets.UTF_8));
                    }
                }
                Files.move(temporary, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
            return new DeliveryReceipt.Sent(NAME, channel.key() + "/" + file);
        }
        catch (MessagingException ex) {
            // the message itself cannot be made (an address that is not one): it never will be
            return new DeliveryReceipt.Rejected(NAME, "not a valid message: " + ex.getMessage(), "invalid",
                    Consequence.NONE);
        }
        catch (IOException ex) {
            // nothing was written where anyone reads: a full or read-only disk is worth another try later
            return new DeliveryReceipt.RetryLater(NAME, clock.instant().plusSeconds(60),
                    "cannot write the outbox: " + ex.getMessage(), true);
        }
    }

    private String json(OutboundMessage.Sms sms) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", sms.id());
        fields.put("to", sms.to());
        fields.put("body", sms.body());
        fields.put("writtenAt", clock.instant().toString());
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(fields);
    }
}
