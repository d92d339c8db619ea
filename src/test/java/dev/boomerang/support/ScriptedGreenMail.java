package dev.boomerang.support;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.AuthCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GreenMail, a real SMTP server in the test JVM, taught two things a test of an SMTP client needs: to answer
 * RCPT and the end of DATA as a script says (450, 550, a reply that never comes in time), to count the
 * connections clients open, and, when asked, to offer PIPELINING (GreenMail reads a command at a time, so it takes
 * pipelined commands as they come).
 */
public class ScriptedGreenMail extends GreenMail {

    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, String> recipientReplies = new ConcurrentHashMap<>();
    private final Map<String, String> dataReplies = new ConcurrentHashMap<>();
    private final Map<String, Duration> dataDelays = new ConcurrentHashMap<>();
    private volatile SmtpManager scripted;
    private volatile boolean pipelining;

    public ScriptedGreenMail() {
        super(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    }

    /** On a given port (to stand in for a server that restarted). */
    public ScriptedGreenMail(int port) {
        super(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    public int port() {
        return getSmtp().getPort();
    }

    /** From now on, EHLO offers PIPELINING (RFC 2920). */
    public ScriptedGreenMail offerPipelining() {
        pipelining = true;
        return this;
    }

    /** Connections accepted since the start or the last {@link #clearScript()}. */
    public int connections() {
        return connections.get();
    }

    /** RCPT TO this address is answered with {@code reply} (such as {@code 550 5.1.1 User unknown}). */
    public ScriptedGreenMail onRecipient(String address, String reply) {
        recipientReplies.put(address.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    /** The end of DATA of a message to this address is answered with {@code reply} instead of 250. */
    public ScriptedGreenMail onData(String address, String reply) {
        dataReplies.put(address.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    /** The end of DATA of a message to this address is answered only after {@code delay}. */
    public ScriptedGreenMail delayData(String address, Duration delay) {
        dataDelays.put(address.toLowerCase(Locale.ROOT), delay);
        return this;
    }

    /** Forgets the script, the count of connections and the mail received; the server keeps running on its port. */
    public void clearScript() {
        try {
            purgeEmailFromAllMailboxes();
        }
        catch (com.icegreen.greenmail.store.FolderException ex) {
            throw new IllegalStateException(ex);
        }
        connections.set(0);
        recipientReplies.clear();
        dataReplies.clear();
        dataDelays.clear();
    }

    public MimeMessage[] received() {
        return getReceivedMessages();
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(config, managers);
        for (ServerSetup setup : config) {
            if (setup.getProtocol().equals(ServerSetup.PROTOCOL_SMTP)) {
                services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                    @Override
                    protected ProtocolHandler createProtocolHandler(Socket socket) {
                        connections.incrementAndGet();
                        return new SmtpHandler(pipelining ? PIPELINING : new SmtpCommandRegistry(), manager(), socket);
                    }
                });
            }
        }
        return services;
    }

    private SmtpManager manager() {
        if (scripted == null) {
            synchronized (this) {
                if (scripted == null) {
                    Managers managers = getManagers();
                    scripted = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
                        @Override
                        public String checkRecipient(SmtpState state, MailAddress address) {
                            return recipientReplies.get(address.getEmail().toLowerCase(Locale.ROOT));
                        }

                        @Override
                        public String checkData(SmtpState state) {
                            for (MailAddress to : state.getMessage().getToAddresses()) {
                                String key = to.getEmail().toLowerCase(Locale.ROOT);
                                Duration delay = dataDelays.get(key);
                                if (delay != null) {
                                    try {
                                        Thread.sleep(delay.toMillis());
                                    }
                                    catch (InterruptedException ex) {
                                        Thread.currentThread().interrupt();
                                    }
                                }
                                if (dataReplies.containsKey(key)) {
                                    return dataReplies.get(key);
                                }
                            }
                            return null;
                        }
                    };
                }
            }
        }
        return scripted;
    }

    /** GreenMail's commands, with an EHLO that offers PIPELINING after the server's name (which clients skip). */
    private static final SmtpCommandRegistry PIPELINING = new SmtpCommandRegistry() {

        private final SmtpCommand ehlo = new SmtpCommand() {
            @Override
            public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) {
                conn.setHeloName(commandLine.length() > 5 ? commandLine.substring(5).strip() : "");
                state.clearMessage();
                conn.send("250-" + conn.getServerGreetingsName());
                conn.send("250-PIPELINING");
                conn.send("250-AUTH " + AuthCommand.SUPPORTED_AUTH_MECHANISM);
                conn.send("250 SMTPUTF8");
            }
        };

        @Override
        public SmtpCommand getCommand(String name) {
            return "EHLO".equalsIgnoreCase(name) ? ehlo : super.getCommand(name);
        }
    };
}
