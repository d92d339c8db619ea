package dev.boomerang.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.boomerang.channel.ChannelDispatcher;
import dev.boomerang.channel.Consequence;
import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import dev.boomerang.support.Http;
import dev.boomerang.support.ScriptedGreenMail;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * End to end through the application: a provider's permanent refusal of an address reaches the customer's
 * records. GreenMail answers 550 on a recipient and the address lands in {@code suppression}; WireMock, as
 * Twilio, answers 21610 and the customer's SMS consent is withdrawn, or 21211 and the number is suppressed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RecipientRefusalTest {

    static final ScriptedGreenMail SMTP = new ScriptedGreenMail();
    static final WireMockServer TWILIO = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        SMTP.start();
        TWILIO.start();
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        String name = "refusal-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
        registry.add("boomerang.channels.email.adapter", () -> "smtp");
        registry.add("boomerang.channels.smtp.host", () -> "127.0.0.1");
        registry.add("boomerang.channels.smtp.port", SMTP::port);
        registry.add("boomerang.channels.smtp.tls", () -> "none");
        registry.add("boomerang.channels.sms.adapter", () -> "twilio");
        registry.add("boomerang.channels.twilio.account-sid", () -> "AC0123456789abcdef0123456789abcdef");
        registry.add("boomerang.channels.twilio.auth-token", () -> "token");
        registry.add("boomerang.channels.twilio.from", () -> "+15005550006");
        registry.add("boomerang.channels.twilio.base-url", () -> "http://localhost:" + TWILIO.port());
    }

    @AfterAll
    static void stopProviders() {
        SMTP.stop();
        TWILIO.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ChannelDispatcher dispatcher;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void customer() {
        for (String table : List.of("consent_change", "suppression", "customer_attribute", "customer")) {
            jdbc.update("DELETE FROM " + table);
        }
        SMTP.clearScript();
        TWILIO.resetAll();
        Http.Response created = new Http(port).ingest("POST", "/api/customers", "application/json", """
                [{"customer_id": "C1", "email": "Gone@Example.com", "phone": "+48500100200",
                  "email_consent": true, "sms_consent": true}]""");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
    }

    @Test
    void aMailboxTheServerDoesNotKnowIsSuppressed() {
        SMTP.onRecipient("gone@example.com", "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown");

        DeliveryReceipt receipt = dispatcher.send(new OutboundMessage.Email("e-1", "gone@example.com", "Hello", "<p>Hi</p>",
                "Hi", URI.create("https://boomerang.example.com/u/1")));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                r -> assertThat(r.consequence()).isEqualTo(Consequence.ADDRESS_BOUNCED));
        assertThat(jdbc.queryForList("SELECT channel, address, reason, source FROM suppression")).containsExactly(
                Map.of("CHANNEL", "email", "ADDRESS", "gone@example.com", "REASON", "bounced", "SOURCE", "smtp:550"));
    }

    @Test
    void aTemporaryRefusalChangesNothing() {
        SMTP.onRecipient("gone@example.com", "450 4.2.1 Mailbox busy");

        assertThat(dispatcher.send(new OutboundMessage.Email("e-2", "gone@example.com", "Hello", "<p>Hi</p>", "Hi", null)))
            .isInstanceOf(DeliveryReceipt.RetryLater.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM suppression", Integer.class)).isZero();
    }

    @Test
    void anOptOutAtTwilioWithdrawsSmsConsent() {
        TWILIO.stubFor(post(urlPathMatching(".*/Messages.json")).willReturn(aResponse().withStatus(400)
            .withBody("{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\", \"status\": 400}")));

        DeliveryReceipt receipt = dispatcher.send(new OutboundMessage.Sms("s-1", "+48500100200", "Hi"));

        assertThat(receipt).isInstanceOf(DeliveryReceipt.Rejected.class);
        assertThat(jdbc.queryForMap("SELECT sms_consent, sms_consent_source, email_consent FROM customer WHERE external_id = 'C1'"))
            .isEqualTo(Map.of("SMS_CONSENT", false, "SMS_CONSENT_SOURCE", "twilio:21610", "EMAIL_CONSENT", true));
        assertThat(jdbc.queryForList("SELECT channel, granted, source FROM consent_change WHERE source LIKE 'twilio%'"))
            .containsExactly(Map.of("CHANNEL", "sms", "GRANTED", false, "SOURCE", "twilio:21610"));
    }

    @Test
    void aNumberTwilioCallsInvalidIsSuppressed() {
        TWILIO.stubFor(post(urlPathMatching(".*/Messages.json")).willReturn(aResponse().withStatus(400)
            .withBody("{\"code\": 21211, \"message\": \"The 'To' number is not a valid phone number.\", \"status\": 400}")));

        dispatcher.send(new OutboundMessage.Sms("s-2", "+48500100200", "Hi"));

        assertThat(jdbc.queryForList("SELECT channel, address, reason, source FROM suppression")).containsExactly(
                Map.of("CHANNEL", "sms", "ADDRESS", "+48500100200", "REASON", "invalid", "SOURCE", "twilio:21211"));
        assertThat(jdbc.queryForObject("SELECT sms_consent FROM customer WHERE external_id = 'C1'", Boolean.class)).isTrue();
    }
}
