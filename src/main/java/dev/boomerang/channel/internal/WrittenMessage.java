package dev.boomerang.channel.internal;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A message {@link EmailMime} has already written, whole, as bytes: what Jakarta Mail's SMTP transport and the
 * outbox need of a {@link MimeMessage} (its sender, its recipients, its subject for the transport's log, and
 * writing it out), with nothing left to compute. It is not meant to be changed: its headers are in the bytes.
 */
final class WrittenMessage extends MimeMessage {

    private final InternetAddress from;
    private final InternetAddress to;
    private final String subject;
    private final byte[] bytes;

    WrittenMessage(Session session, InternetAddress from, InternetAddress to, String subject, byte[] bytes) {
        super(session);
        this.from = from;
        this.to = to;
        this.subject = subject;
        this.bytes = bytes;
    }

    @Override
    public Address[] getFrom() {
        return new Address[] { from };
    }

    @Override
    public Address[] getRecipients(Message.RecipientType type) {
        return type == Message.RecipientType.TO ? new Address[] { to } : null;
    }

    @Override
    public Address[] getAllRecipients() {
        return new Address[] { to };
    }

    @Override
    public String getSubject() {
        return subject;
    }

    @Override
    public int getSize() {
        return bytes.length;
    }

    @Override
    public void saveChanges() {
        // written already
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreHeaders) throws IOException {
        // the ignored headers are those a sender must not pass on (Bcc, Content-Length): this message has neither
        out.write(bytes);
    }
}
