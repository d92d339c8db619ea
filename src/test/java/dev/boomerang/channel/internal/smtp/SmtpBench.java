package dev.boomerang.channel.internal.smtp;

import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import dev.boomerang.channel.internal.ChannelProperties;
import dev.boomerang.channel.internal.EmailMime;
import dev.boomerang.template.LinkRewriter;
import dev.boomerang.template.RenderedMessage;
import dev.boomerang.template.internal.TemplateFixtures;
import jakarta.mail.Session;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMTP adapter's side of {@code bench/smtp.sh}: sends the rendered cart reminder to distinct recipients
 * through the adapter (MIME built per message, a pool of {@code sessions} connections, as many sending threads)
 * into a running smtp-sink, and prints messages per second. {@code eml FILE} writes one such message for
 * smtp-source's {@code -F}, so the reference carries the same bytes. Not a test.
 *
 * <pre>
 *   java ... SmtpBench eml target/bench/message.eml
 *   java ... SmtpBench send PORT MESSAGES SESSIONS
 * </pre>
 */
public final class SmtpBench {

    private SmtpBench() {
    }

    static OutboundMessage.Email message(int n) {
        RenderedMessage.Email email = EMAIL;
        return new OutboundMessage.Email("bench-" + n, "customer" + n + "@example.com", email.subject(), email.html(),
                email.text(), URI.create("https://boomerang.example.com/unsubscribe/" + n));
    }

    static final RenderedMessage.Email EMAIL = TemplateFixtures.templates(Path.of("templates")).email("cart-reminder",
            TemplateFixtures.sample(Path.of("templates"), "en"),
            url -> "https://t.example.com/c/M1234567/" + Integer.toHexString(url.hashCode()));

    static final EmailMime MIME = new EmailMime("Bean & Leaf <hello@shop.example.com>", null, Clock.systemUTC());

    public static void main(String[] args) throws Exception {
        if (args[0].equals("eml")) {
            try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
                MIME.build(Session.getInstance(new Properties()), message(0)).writeTo(out);
            }
            return;
        }
        int port = Integer.parseInt(args[1]);
        int messages = Integer.parseInt(args[2]);
        int sessions = Integer.parseInt(args[3]);
        ChannelProperties.Smtp settings = new ChannelProperties.Smtp("127.0.0.1", port, null, null, "none", null,
                Duration.ofSeconds(5), Duration.ofSeconds(30), 100, Duration.ofSeconds(60),
                // PIPELINING=false bench/smtp.sh: the adapter as it was before it pipelined
                java.util.Map.of(TrackedSmtpTransport.PIPELINING, System.getProperty(TrackedSmtpTransport.PIPELINING, "true")),
                new ChannelProperties.Limits(0, sessions, Duration.ofSeconds(30), new ChannelProperties.Breaker(10, 5, 50, Duration.ofSeconds(30))));
        try (SmtpAdapter adapter = new SmtpAdapter(settings, MIME, Duration.ofMinutes(15), Clock.systemUTC())) {
            send(adapter, Math.max(2000, messages / 5), sessions, 1_000_000); // warm-up: JIT, pool
            long started = System.nanoTime();
            int sent = send(adapter, messages, sessions, 0);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (sent != messages) {
                throw new IllegalStateException("only " + sent + " of " + messages + " were sent");
            }
            System.out.printf(java.util.Locale.ROOT, "%d messages in %.3f s: %.0f messages/s over %d connections opened%n",
                    messages, seconds, messages / seconds, adapter.connectionsOpened());
        }
    }

    private static int send(SmtpAdapter adapter, int messages, int threads, int offset) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < messages; n = next.getAndIncrement()) {
                    DeliveryReceipt receipt = adapter.send(message(offset + n));
                    if (receipt instanceof DeliveryReceipt.Sent) {
                        sent.incrementAndGet();
                    }
                    else {
                        throw new IllegalStateException(receipt.toString());
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        return sent.get();
    }
}
