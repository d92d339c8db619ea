package dev.boomerang.channel.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.channel.Consequence;
import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import dev.boomerang.channel.internal.ChannelProperties;
import dev.boomerang.channel.internal.EmailMime;
import dev.boomerang.support.ScriptedGreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The smtp adapter against GreenMail, a real SMTP server: what goes over the wire and what each answer means. */
class SmtpAdapterTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    ScriptedGreenMail server;
    SmtpAdapter adapter;

    /** The server the tests talk to (a subclass tests the same against one that offers PIPELINING). */
    ScriptedGreenMail configured(ScriptedGreenMail server) {
        return server;
    }

    @BeforeEach
    void start() {
        server = configured(new ScriptedGreenMail());
        server.start();
        adapter = adapter(server.port(), Duration.ofSeconds(5), 4);
    }

    @AfterEach
    void stop() {
        adapter.close();
        server.stop();
    }

    static SmtpAdapter adapter(int port, Duration timeout, int pool) {
        ChannelProperties.Smtp settings = new ChannelProperties.Smtp("127.0.0.1", port, null, null, "none", null,
                Duration.ofSeconds(2), timeout, 100, Duration.ofSeconds(60), null,
                new ChannelProperties.Limits(0, pool, Duration.ofSeconds(10), new ChannelProperties.Breaker(10, 5, 50, Duration.ofSeconds(30))));
        return new SmtpAdapter(settings, new EmailMime("Bean & Leaf <hello@shop.example.com>", "care@shop.example.com", CLOCK),
                Duration.ofMinutes(15), CLOCK);
    }

    static OutboundMessage.Email email(String id, String to) {
        return new OutboundMessage.Email(id, to, "Anna, Twój koszyk czeka ☕",
                "<html><body><p>Cześć Anna, <a href=\"https://shop.example.com/cart/K1\">koszyk</a></p></body></html>",
                "Cześć Anna, koszyk: https://shop.example.com/cart/K1\n",
                URI.create("https://boomerang.example.com/u/abc123"), "mailto:unsubscribe@shop.example.com?subject=abc123");
    }

    @Test
    void anEmailIsMultipartAlternativeWithTheSenderIdentityAndOneClickUnsubscribe() throws Exception {
        DeliveryReceipt receipt = adapter.send(email("m-1", "anna@example.com"));

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Sent("smtp", "<m-1.boomerang@shop.example.com>"));
        MimeMessage[] received = server.received();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("hello@shop.example.com");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Bean & Leaf");
        assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress()).isEqualTo("care@shop.example.com");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo("anna@example.com");
        assertThat(mail.getSubject()).isEqualTo("Anna, Twój koszyk czeka ☕");
        assertThat(mail.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(mail.getMessageID()).isEqualTo("<m-1.boomerang@shop.example.com>");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
        assertThat(mail.getHeader("MIME-Version")).containsExactly("1.0");
        assertThat(mail.getHeader("List-Unsubscribe")).containsExactly(
                "<https://boomerang.example.com/u/abc123>, <mailto:unsubscribe@shop.example.com?subject=abc123>");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        Multipart alternative = (Multipart) mail.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        Part text = alternative.getBodyPart(0);
        Part html = alternative.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(((String) text.getContent()).replace("\r\n", "\n")).isEqualTo("Cześć Anna, koszyk: https://shop.example.com/cart/K1\n");
        assertThat((String) html.getContent()).contains("<a href=\"https://shop.example.com/cart/K1\">koszyk</a>");
    }

    @Test
    void theSameMessageIdGivesTheSameMessageIdHeaderAndOddIdsAreDigested() throws Exception {
        adapter.send(email("../weird id\r\n", "a@example.com"));
        String header = server.received()[0].getMessageID();
        assertThat(header).matches("<h[0-9a-f]{32}\\.boomerang@shop\\.example\\.com>");
    }

    @Test
    void aTemporaryRefusalOfTheRecipientIsRetryLaterAndNothingIsDelivered() {
        server.onRecipient("busy@example.com", "450 4.2.1 Mailbox busy, try again later");

        DeliveryReceipt receipt = adapter.send(email("m-2", "busy@example.com"));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.RetryLater.class, retry -> {
            assertThat(retry.after()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(15)));
            assertThat(retry.providerDown()).as("the recipient, not the server, is the trouble").isFalse();
            assertThat(retry.reason()).contains("450");
        });
        assertThat(server.received()).isEmpty();
    }

    @Test
    void anUnknownMailboxIsRejectedAndTheAddressToBeSuppressed() {
        server.onRecipient("gone@example.com", "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown");

        DeliveryReceipt receipt = adapter.send(email("m-3", "gone@example.com"));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.providerCode()).isEqualTo("550");
            assertThat(rejected.consequence()).isEqualTo(Consequence.ADDRESS_BOUNCED);
        });
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aPolicyRefusalIsRejectedButSaysNothingAboutTheMailbox() {
        server.onRecipient("blocked@example.com", "550 5.7.1 Service unavailable; client host blocked");

        DeliveryReceipt receipt = adapter.send(email("m-4", "blocked@example.com"));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                rejected -> assertThat(rejected.consequence()).isEqualTo(Consequence.NONE));
    }

    @Test
    void aRefusalAtTheEndOfDataIsClassifiedByItsCode() {
        server.onData("spammy@example.com", "554 5.6.0 Message content rejected");
        server.onData("full@example.com", "452 4.3.1 Insufficient system storage");

        assertThat(adapter.send(email("m-5", "spammy@example.com"))).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                rejected -> assertThat(rejected.consequence()).isEqualTo(Consequence.NONE));
        assertThat(adapter.send(email("m-6", "full@example.com"))).isInstanceOf(DeliveryReceipt.RetryLater.class);
    }

    @Test
    void noAnswerAfterTheMessageDataWasSentIsUnknown() {
        adapter.close();
        adapter = adapter(server.port(), Duration.ofMillis(700), 1);
        server.delayData("slow@example.com", Duration.ofSeconds(3));

        DeliveryReceipt receipt = adapter.send(email("m-7", "slow@example.com"));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Unknown.class,
                unknown -> assertThat(unknown.reason()).contains("after the message data was sent"));
    }

    @Test
    void anInterruptedSenderStillLearnsWhatTheServerAnswered() throws Exception {
        server.delayData("slow@example.com", Duration.ofMillis(1500));
        var receipt = new java.util.concurrent.atomic.AtomicReference<DeliveryReceipt>();
        var stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sender = Thread.ofVirtual().start(() -> {
            receipt.set(adapter.send(email("m-9", "slow@example.com")));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        Thread.sleep(500);
        sender.interrupt();
        sender.join();

        assertThat(receipt.get()).as("the message went; a stop must not make it look lost or unknown")
            .isInstanceOf(DeliveryReceipt.Sent.class);
        assertThat(server.received()).hasSize(1);
        assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    void aClosedAdapterSendsNothingAndSaysToTryLater() {
        adapter.close();

        assertThat(adapter.send(email("m-10", "a@example.com"))).isInstanceOfSatisfying(DeliveryReceipt.RetryLater.class,
                retry -> assertThat(retry.reason()).contains("closed"));
        assertThat(server.received()).isEmpty();
    }

    @Test
    void noServerIsRetryLaterAgainstTheProvider() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (SmtpAdapter nowhere = adapter(closed, Duration.ofSeconds(2), 1)) {
            assertThat(nowhere.send(email("m-8", "a@example.com"))).isInstanceOfSatisfying(DeliveryReceipt.RetryLater.class,
                    retry -> assertThat(retry.providerDown()).isTrue());
        }
    }

    @Test
    void manyMessagesTravelOverFewConnectionsAndRefusalsDoNotCostOne() throws Exception {
        server.onRecipient("gone@example.com", "550 5.1.1 User unknown");
        int messages = 200;
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<DeliveryReceipt>> receipts = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            String to = i % 50 == 7 ? "gone@example.com" : "customer" + i + "@example.com";
            String id = "bulk-" + i;
            receipts.add(senders.submit(() -> adapter.send(email(id, to))));
        }
        int sent = 0;
        for (Future<DeliveryReceipt> receipt : receipts) {
            if (receipt.get() instanceof DeliveryReceipt.Sent) {
                sent++;
            }
        }
        senders.shutdown();

        assertThat(sent).isEqualTo(messages - 4);
        assertThat(server.received()).hasSize(messages - 4);
        assertThat(server.connections()).as("connections for %d messages from 8 threads through a pool of 4", messages)
            .isBetween(1, 4);
        assertThat(adapter.connectionsOpened()).isEqualTo(server.connections());
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedWithoutLosingTheMessage() {
        assertThat(adapter.send(email("m-9", "a@example.com"))).isInstanceOf(DeliveryReceipt.Sent.class);
        int port = server.port();
        server.stop(); // the pooled connection dies with the server
        server = restartedOn(port);

        assertThat(adapter.send(email("m-10", "b@example.com"))).isInstanceOf(DeliveryReceipt.Sent.class);
        assertThat(server.received()).hasSize(1);
        assertThat(adapter.connectionsOpened()).isEqualTo(2);
    }

    private ScriptedGreenMail restartedOn(int port) {
        ScriptedGreenMail again = configured(new ScriptedGreenMail(port));
        again.start();
        return again;
    }
}
