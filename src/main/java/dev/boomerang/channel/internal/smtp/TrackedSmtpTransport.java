package dev.boomerang.channel.internal.smtp;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Jakarta Mail's SMTP transport, with two things it lacks, added through the protected methods the class offers:
 * <ul>
 * <li>It remembers whether the end of the message data (the final ".") went out in the current send. A failure
 * before it leaves nothing on the server: the message can be sent again. A failure after it (no answer in time, a
 * dropped connection) may follow a message the server already took: the outcome is unknown. Jakarta Mail's
 * exceptions do not say which.</li>
 * <li>PIPELINING (RFC 2920), when the server offers it: MAIL, RCPT and DATA go out together and their answers are
 * read together, then the message data and its end go out together: two round trips a message instead of four,
 * and two writes instead of five (measured into smtp-sink: see BENCHMARKS.md). The answers are checked as Jakarta
 * Mail would have: a refused sender or recipient gives the exception it gives, after a RSET, and the data is only
 * sent after DATA was answered 354. {@code mail.smtp.pipelining=false} in the adapter's properties turns it off.</li>
 * </ul>
 */
final class TrackedSmtpTransport extends SMTPTransport {

    static final String PIPELINING = "mail.smtp.pipelining";

    private final NoDelaySockets sockets;
    private final boolean pipeliningAllowed;
    /** The connection's socket, when the session's factory is {@link NoDelaySockets}: its writes can be held. */
    private NoDelaySockets.HeldSocket socket;
    /** The envelope commands sent whose answers are not read yet (they are read when DATA's is). */
    private final List<String> unanswered = new ArrayList<>(3);
    private volatile boolean dataEnded;
    private int sent;
    private boolean pipelining;
    private Address[] recipients;
    private String lastCommand;

    TrackedSmtpTransport(Session session, URLName url) {
        super(session, url, url.getProtocol(), "smtps".equals(url.getProtocol()));
        // the operator's properties may name another factory: then nothing is held, answers are only deferred
        this.sockets = session.getProperties().get("mail.smtp.socketFactory") instanceof NoDelaySockets ours ? ours : null;
        this.pipeliningAllowed = !"false".equalsIgnoreCase(session.getProperty(PIPELINING))
                && parsedInt(session.getProperty("mail." + url.getProtocol() + ".chunksize")) <= 0;
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        try {
            return super.protocolConnect(host, port, user, password);
        }
        finally {
            // the socket the factory made for this connection, on this thread (null for smtps, made by another)
            socket = sockets == null ? null : sockets.takeMade();
        }
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        dataEnded = false;
        pipelining = pipeliningAllowed && supportsExtension("PIPELINING");
        recipients = addresses;
        try {
            super.sendMessage(message, addresses);
            sent++;
        }
        finally {
            pipelining = false;
            recipients = null;
            unanswered.clear();
            NoDelaySockets.HeldOutput held = held();
            if (held != null) {
                held.discard(); // only a send that failed before its next read leaves anything held
            }
        }
    }

    @Override
    protected void mailFrom() throws MessagingException {
        if (pipelining) {
            hold();
        }
        super.mailFrom();
    }

    @Override
    protected OutputStream data() throws MessagingException {
        OutputStream data = super.data(); // DATA was answered 354, or this threw
        hold(); // the data and its end go out together, when the answer to them is read
        return data;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        dataEnded = true;
        super.finishData();
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        lastCommand = command;
        super.sendCommand(command);
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        if (pipelining && isEnvelope(lastCommand)) {
            unanswered.add(lastCommand);
            return 250; // for now: read, and checked, with the answer to DATA
        }
        release();
        if (unanswered.isEmpty()) {
            return super.readServerResponse();
        }
        return envelopeAnswered();
    }

    /** Reads the pipelined envelope's answers, then the answer to the command that ended it (DATA). */
    private int envelopeAnswered() throws MessagingException {
        MessagingException refused = null;
        int recipient = 0;
        for (String command : unanswered) {
            int code = super.readServerResponse();
            String answer = getLastServerResponse();
            boolean mail = isMail(command);
            if (refused == null && (mail ? code != 250 : code < 200 || code > 299)) {
                refused = mail ? new SMTPSendFailedException(command, code, answer, null, null, recipients, null)
                        : new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(
                                recipient(recipient), command, code, answer), null, recipients, null);
            }
            recipient += mail ? 0 : 1;
        }
        unanswered.clear();
        pipelining = false;
        int answer = super.readServerResponse();
        if (refused == null) {
            return answer;
        }
        if (answer == 354) { // a server that takes the data after refusing the envelope: close rather than send any
            throw new MessagingException("the server accepted DATA after refusing the envelope: " + refused.getMessage(),
                    new IOException("connection closed mid-envelope"));
        }
        if (answer > 0) {
            issueCommand("RSET", -1); // as Jakarta Mail does after a refusal: the next message starts clean
        }
        throw refused;
    }

    private static boolean isEnvelope(String command) {
        return command != null && (isMail(command) || command.regionMatches(true, 0, "RCPT TO:", 0, 8));
    }

    private static boolean isMail(String command) {
        return command.regionMatches(true, 0, "MAIL FROM:", 0, 10);
    }

    private InternetAddress recipient(int index) throws MessagingException {
        return recipients != null && index < recipients.length && recipients[index] instanceof InternetAddress address
                ? address : new InternetAddress();
    }

    private void hold() {
        NoDelaySockets.HeldOutput held = held();
        if (held != null) {
            held.hold();
        }
    }

    private void release() throws MessagingException {
        NoDelaySockets.HeldOutput held = held();
        if (held != null) {
            try {
                held.release();
            }
            catch (IOException ex) {
                throw new MessagingException("Can't send command to SMTP host", ex);
            }
        }
    }

    private NoDelaySockets.HeldOutput held() {
        return socket == null ? null : socket.held();
    }

    private static int parsedInt(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        }
        catch (NumberFormatException ex) {
            return 0;
        }
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
