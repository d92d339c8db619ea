package dev.boomerang.channel.internal.smtp;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Jakarta Mail's SMTP transport, remembering whether the end of the message data (the final ".") went out in
 * the current send. A failure before it leaves nothing on the server: the message can be sent again. A failure
 * after it (no answer in time, a dropped connection) may follow a message the server already took: the
 * outcome is unknown. Jakarta Mail's exceptions do not say which, so this subclass keeps count, through the
 * protected method the class offers for it.
 */
final class TrackedSmtpTransport extends SMTPTransport {

    private volatile boolean dataEnded;
    private int sent;

    TrackedSmtpTransport(Session session, URLName url) {
        super(session, url, url.getProtocol(), "smtps".equals(url.getProtocol()));
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        dataEnded = false;
        super.sendMessage(message, addresses);
        sent++;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        dataEnded = true;
        super.finishData();
    }

    /** True when the last send got as far as ending its message data. */
    boolean dataEnded() {
        return dataEnded;
    }

    /** Messages this connection has delivered. */
    int sent() {
        return sent;
    }
}
