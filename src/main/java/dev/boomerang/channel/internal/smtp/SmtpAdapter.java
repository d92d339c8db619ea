package dev.boomerang.channel.internal.smtp;

import dev.boomerang.channel.Channel;
import dev.boomerang.channel.ChannelAdapter;
import dev.boomerang.channel.Consequence;
import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import dev.boomerang.channel.internal.ChannelProperties;
import dev.boomerang.channel.internal.EmailMime;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends email over SMTP with Jakarta Mail, through a small pool of open connections. Every send gets a
 * classified receipt (see {@link SmtpOutcomes}); a pooled connection the server had dropped in the meantime
 * is replaced and the send tried once more on a fresh one, which is safe because the failure came before
 * the message data was complete.
 */
public final class SmtpAdapter implements ChannelAdapter, AutoCloseable {

    public static final String NAME = SmtpOutcomes.ADAPTER;

    private final EmailMime mime;
    private final Session session;
    private final SmtpConnections connections;
    private final Duration retryAfter;
    private final Clock clock;
    /**
     * The SMTP exchanges run on platform threads, one per connection, not on the caller's virtual thread: each of a
     * message's four commands waits for the server's answer, and a virtual thread waiting on a socket costs a poller
     * registration, a timer for the read timeout and two thread switches, where a platform thread costs one poll.
     * Measured (bench/campaign.sh, 200,000 customers, 8 connections): 63 and 67 s against 70 to 78 s, the JVM's
     * system time the most of the difference. The caller's thread waits once per message instead.
     */
    private final ExecutorService exchanges;

    public SmtpAdapter(ChannelProperties.Smtp settings, EmailMime mime, Duration retryAfter, Clock clock) {
        if (settings.host() == null || settings.host().isBlank()) {
            throw new IllegalArgumentException("boomerang.channels.smtp.host is required when the email adapter is smtp");
        }
        this.mime = mime;
        this.retryAfter = retryAfter;
        this.clock = clock;
        this.session = Session.getInstance(sessionProperties(settings, mime.domain()));
        URLName server = new URLName(tlsMode(settings) == Tls.IMPLICIT ? "smtps" : "smtp", settings.host(),
                settings.port(), null, blankToNull(settings.username()), blankToNull(settings.password()));
        this.connections = new SmtpConnections(session, server, Math.max(1, settings.limits().concurrency()),
                Math.max(1, settings.maxMessagesPerConnection()), settings.idleTimeout(), settings.limits().maxWait());
        this.exchanges = Executors.newFixedThreadPool(Math.max(1, settings.limits().concurrency()),
                Thread.ofPlatform().name("smtp-", 0).daemon().factory());
    }

    enum Tls {
        NONE, STARTTLS, STARTTLS_REQUIRED, IMPLICIT
    }

    private static Tls tlsMode(ChannelProperties.Smtp settings) {
        String mode = settings.tls() == null ? "starttls" : settings.tls().strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "none" -> Tls.NONE;
            case "starttls" -> Tls.STARTTLS;
            case "starttls-required" -> Tls.STARTTLS_REQUIRED;
            case "implicit" -> Tls.IMPLICIT;
            default -> throw new IllegalArgumentException("boomerang.channels.smtp.tls is '" + settings.tls()
                    + "': use none, starttls, starttls-required or implicit");
        };
    }

    /** Jakarta Mail's session settings; the operator's {@code properties} come last and win. */
    static Properties sessionProperties(ChannelProperties.Smtp settings, String fromDomain) {
        Properties p = new Properties();
        Tls tls = tlsMode(settings);
        for (String protocol : new String[] { "smtp", "smtps" }) {
            String prefix = "mail." + protocol + ".";
            p.setProperty(prefix + "host", settings.host());
            p.setProperty(prefix + "port", Integer.toString(settings.port()));
            p.setProperty(prefix + "connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
            p.setProperty(prefix + "timeout", Long.toString(settings.timeout().toMillis()));
            // the EHLO name: without it Jakarta Mail looks this host's name up in DNS on every connection
            p.setProperty(prefix + "localhost", settings.heloName() == null || settings.heloName().isBlank()
                    ? fromDomain : settings.heloName());
            p.setProperty(prefix + "auth", Boolean.toString(blankToNull(settings.username()) != null));
            p.setProperty(prefix + "starttls.enable", Boolean.toString(tls == Tls.STARTTLS || tls == Tls.STARTTLS_REQUIRED));
            p.setProperty(prefix + "starttls.required", Boolean.toString(tls == Tls.STARTTLS_REQUIRED));
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
            p.setProperty(prefix + "quitwait", "false"); // closing a pooled connection need not wait for the goodbye
        }
        p.put("mail.smtp.socketFactory", new NoDelaySockets());
        p.setProperty("mail.smtp.socketFactory.fallback", "false");
        if (settings.properties() != null) {
            settings.properties().forEach(p::setProperty);
        }
        return p;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        Future<DeliveryReceipt> exchange;
        try {
            exchange = exchanges.submit(() -> exchange(message));
        }
        catch (RejectedExecutionException ex) { // closed: nothing went out, so it may go later
            return new DeliveryReceipt.RetryLater(NAME, clock.instant(), "the SMTP adapter is closed", true);
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    // uninterruptibly: an exchange under way may deliver the message, and its receipt says whether it did
                    return exchange.get();
                }
                catch (InterruptedException ex) {
                    interrupted = true;
                }
                catch (ExecutionException ex) {
                    throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
                }
            }
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private DeliveryReceipt exchange(OutboundMessage message) {
        if (!(message instanceof OutboundMessage.Email email)) {
            return new DeliveryReceipt.Rejected(NAME, "the smtp adapter sends email only", "channel", Consequence.NONE);
        }
        MimeMessage mail;
        Address[] recipients;
        try {
            mail = mime.build(session, email);
            recipients = mail.getAllRecipients();
        }
        catch (MessagingException ex) {
            return new DeliveryReceipt.Rejected(NAME, "not a valid message: " + ex.getMessage(), "invalid", Consequence.NONE);
        }
        for (int attempt = 1;; attempt++) {
            TrackedSmtpTransport transport;
            try {
                transport = connections.take();
            }
            catch (Exception ex) {
                return SmtpOutcomes.unreachable(ex, clock.instant());
            }
            boolean reused = transport.sent() > 0;
            try {
                transport.sendMessage(mail, recipients);
                connections.give(transport, true);
                return new DeliveryReceipt.Sent(NAME, mime.messageId(email));
            }
            catch (MessagingException ex) {
                int code = SmtpOutcomes.replyCode(ex);
                // an answer other than 421 leaves the session usable (Jakarta Mail resets it after a refused recipient)
                connections.give(transport, code > 0 && code != 421);
                if (code < 0 && !transport.dataEnded() && reused && attempt == 1) {
                    continue; // the server had dropped the pooled connection: once more on a fresh one
                }
                return SmtpOutcomes.classify(ex, transport.dataEnded(), clock.instant(), retryAfter);
            }
            catch (RuntimeException ex) {
                connections.give(transport, false);
                throw ex;
            }
        }
    }

    /** Connections opened so far: many messages should need few. */
    public long connectionsOpened() {
        return connections.created();
    }

    @Override
    public void close() {
        exchanges.shutdown(); // exchanges under way finish; connections.close() then closes what they give back
        connections.close();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
