package dev.boomerang.channel.internal.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.time.Duration;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * A small pool of open SMTP connections (commons-pool2), so a message costs its four commands, not a TCP
 * and TLS handshake, EHLO and AUTH. Connections are made on demand up to {@code size}, retired after
 * {@code maxMessages} messages, and closed when idle for {@code idleTimeout} (before the server drops them).
 */
final class SmtpConnections implements AutoCloseable {

    private final GenericObjectPool<TrackedSmtpTransport> pool;
    private final int maxMessages;

    SmtpConnections(Session session, URLName server, int size, int maxMessages, Duration idleTimeout,
            Duration maxWait) {
        this.maxMessages = maxMessages;
        GenericObjectPoolConfig<TrackedSmtpTransport> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        config.setMinIdle(0);
        config.setBlockWhenExhausted(true);
        config.setMaxWait(maxWait);
        config.setLifo(true); // the most recently used connection is the least likely to have been dropped
        config.setJmxEnabled(false);
        config.setMinEvictableIdleDuration(idleTimeout);
        config.setTimeBetweenEvictionRuns(idleTimeout.dividedBy(2).isZero() ? Duration.ofSeconds(1) : idleTimeout.dividedBy(2));
        config.setNumTestsPerEvictionRun(size);
        this.pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
            @Override
            public TrackedSmtpTransport create() throws MessagingException {
                TrackedSmtpTransport transport = new TrackedSmtpTransport(session, server);
                transport.connect(server.getHost(), server.getPort(), server.getUsername(), server.getPassword());
                return transport;
            }

            @Override
            public PooledObject<TrackedSmtpTransport> wrap(TrackedSmtpTransport transport) {
                return new DefaultPooledObject<>(transport);
            }

            @Override
            public void destroyObject(PooledObject<TrackedSmtpTransport> pooled) {
                try {
                    pooled.getObject().close();
                }
                catch (MessagingException ex) {
                    // closing a connection that is already gone
                }
            }
        }, config);
    }

    /** An open connection, new or pooled; a failure to connect comes out as the exception Jakarta Mail gave. */
    TrackedSmtpTransport take() throws Exception {
        return pool.borrowObject();
    }

    /** Gives a connection back after a send, or closes it when it has done its share or is no longer sound. */
    void give(TrackedSmtpTransport transport, boolean sound) {
        if (sound && transport.sent() < maxMessages) {
            pool.returnObject(transport);
            return;
        }
        try {
            pool.invalidateObject(transport);
        }
        catch (Exception ex) {
            // it was closed on the way out; the pool forgot it either way
        }
    }

    /** Connections made since the start (for the benchmark and the tests: few connections for many messages). */
    long created() {
        return pool.getCreatedCount();
    }

    @Override
    public void close() {
        pool.close();
    }
}
