package dev.boomerang.channel.internal.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.boomerang.channel.Channel;
import dev.boomerang.channel.Consequence;
import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import dev.boomerang.channel.RecipientRefused;
import dev.boomerang.channel.internal.ChannelProperties;
import dev.boomerang.channel.internal.Dispatchers;
import dev.boomerang.channel.internal.MutableClock;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The twilio adapter against WireMock speaking Twilio's Messages API: the request it makes, and what each
 * answer and each fault means, counting the POSTs (a message is never posted twice by the adapter itself).
 */
class TwilioAdapterTest {

    static final String PATH = "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json";
    static final String SID = "AC0123456789abcdef0123456789abcdef";

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    TwilioAdapter adapter;
    Dispatchers dispatch;

    @BeforeEach
    void start() {
        adapter = adapter("http://localhost:" + twilio.getPort(), "+15005550006", null);
        dispatch = new Dispatchers(clock, Dispatchers.limits(0, 4), adapter);
    }

    @AfterEach
    void stop() throws Exception {
        adapter.close();
    }

    TwilioAdapter adapter(String base, String from, String service) {
        return adapter(base, from, service, Duration.ofSeconds(20));
    }

    TwilioAdapter adapter(String base, String from, String service, Duration timeout) {
        return new TwilioAdapter(new ChannelProperties.Twilio(SID, "secret-token", from, service,
                URI.create("https://boomerang.example.com/webhooks/twilio/status"), URI.create(base),
                Duration.ofSeconds(2), timeout, Dispatchers.limits(0, 4)), clock);
    }

    static OutboundMessage.Sms sms(String id) {
        return new OutboundMessage.Sms(id, "+48500100200", "Bean & Leaf: Anna, your cart is waiting. Reply STOP to opt out.");
    }

    static String created(String sid) {
        return "{\"sid\": \"" + sid + "\", \"status\": \"queued\", \"to\": \"+48500100200\", \"account_sid\": \"" + SID + "\"}";
    }

    static String error(int code, int status, String message) {
        return "{\"code\": " + code + ", \"message\": \"" + message + "\", \"more_info\": \"https://www.twilio.com/docs/errors/"
                + code + "\", \"status\": " + status + "}";
    }

    int posts() {
        return twilio.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    }

    @Test
    void aMessageIsPostedOnceWithBasicAuthTheNumbersTheBodyAndTheStatusCallback() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody(created("SM0001"))));

        DeliveryReceipt receipt = dispatch.dispatcher.send(sms("s-1"));

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Sent("twilio", "SM0001"));
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH))
            .withBasicAuth(new BasicCredentials(SID, "secret-token"))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
            .withFormParam("To", equalTo("+48500100200"))
            .withFormParam("From", equalTo("+15005550006"))
            .withFormParam("Body", equalTo("Bean & Leaf: Anna, your cart is waiting. Reply STOP to opt out."))
            .withFormParam("StatusCallback", equalTo("https://boomerang.example.com/webhooks/twilio/status")));
    }

    @Test
    void anEmptyStatusCallbackAsksForNoReports() throws Exception {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody(created("SM0003"))));
        try (TwilioAdapter quiet = new TwilioAdapter(new ChannelProperties.Twilio(SID, "secret-token", "+15005550006",
                null, URI.create(""), URI.create("http://localhost:" + twilio.getPort()), Duration.ofSeconds(2),
                Duration.ofSeconds(20), Dispatchers.limits(0, 4)), clock)) {
            assertThat(quiet.send(sms("s-3"))).isInstanceOf(DeliveryReceipt.Sent.class);
        }
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(PATH))).getFirst().getBodyAsString())
            .doesNotContain("StatusCallback");
    }

    @Test
    void aMessagingServiceSendsInsteadOfANumber() throws Exception {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody(created("SM0002"))));
        try (TwilioAdapter service = adapter("http://localhost:" + twilio.getPort(), null, "MG0123456789abcdef0123456789abcdef")) {
            assertThat(service.send(sms("s-2"))).isInstanceOf(DeliveryReceipt.Sent.class);
        }
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH))
            .withFormParam("MessagingServiceSid", equalTo("MG0123456789abcdef0123456789abcdef")));
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(PATH))).getFirst().getBodyAsString()).doesNotContain("From=");
    }

    @Test
    void anInvalidNumberIsRejectedAndTheNumberToBeSuppressed() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
            .withBody(error(21211, 400, "The 'To' number +48500100200 is not a valid phone number."))));

        DeliveryReceipt receipt = dispatch.dispatcher.send(sms("s-3"));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, r -> {
            assertThat(r.providerCode()).isEqualTo("21211");
            assertThat(r.consequence()).isEqualTo(Consequence.ADDRESS_INVALID);
        });
        assertThat(dispatch.events).containsExactly(new RecipientRefused(Channel.SMS, "+48500100200",
                Consequence.ADDRESS_INVALID, "twilio", "21211"));
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void anOptedOutRecipientIsRejectedAndTheirConsentWithdrawn() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
            .withBody(error(21610, 400, "Attempt to send to unsubscribed recipient"))));

        DeliveryReceipt receipt = dispatch.dispatcher.send(sms("s-4"));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                r -> assertThat(r.consequence()).isEqualTo(Consequence.CONSENT_WITHDRAWN));
        assertThat(dispatch.events).singleElement().isInstanceOfSatisfying(RecipientRefused.class,
                e -> assertThat(e.source()).isEqualTo("twilio:21610"));
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void throttledThenAcceptedHonoursRetryAfterAndPostsTwiceInAll() {
        twilio.stubFor(post(PATH).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withBody(error(20429, 429, "Too Many Requests")))
            .willSetStateTo("calm"));
        twilio.stubFor(post(PATH).inScenario("throttle").whenScenarioStateIs("calm")
            .willReturn(aResponse().withStatus(201).withBody(created("SM0005"))));

        DeliveryReceipt first = dispatch.dispatcher.send(sms("s-5"));
        assertThat(first).isInstanceOfSatisfying(DeliveryReceipt.RetryLater.class, r -> {
            assertThat(r.after()).isEqualTo(clock.instant().plusSeconds(7));
            assertThat(r.providerDown()).isTrue();
        });
        // the adapter honours the pause: a send before the Retry-After instant does not reach Twilio
        assertThat(dispatch.dispatcher.send(sms("s-6"))).isInstanceOfSatisfying(DeliveryReceipt.RetryLater.class,
                r -> assertThat(r.after()).isEqualTo(clock.instant().plusSeconds(7)));
        assertThat(posts()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(7));
        assertThat(dispatch.dispatcher.send(sms("s-5"))).isEqualTo(new DeliveryReceipt.Sent("twilio", "SM0005"));
        assertThat(posts()).isEqualTo(2);
    }

    @Test
    void unavailableWithoutRetryAfterBacksOffDoublingEachTime() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withBody(error(20503, 503, "Service Unavailable"))));

        Instant start = clock.instant();
        assertThat(((DeliveryReceipt.RetryLater) dispatch.dispatcher.send(sms("s-7"))).after()).isEqualTo(start.plusSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(((DeliveryReceipt.RetryLater) dispatch.dispatcher.send(sms("s-7"))).after()).isEqualTo(start.plusSeconds(3));
        assertThat(posts()).isEqualTo(2);
    }

    @Test
    void aServerErrorIsUnknownAndNotRetried() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(500).withBody(error(20500, 500, "Internal Server Error"))));

        assertThat(dispatch.dispatcher.send(sms("s-8"))).isInstanceOf(DeliveryReceipt.Unknown.class);
        assertThat(posts()).as("the SDK would have tried a 500 three more times").isEqualTo(1);
    }

    @Test
    void aResetConnectionIsUnknownAndNotRetried() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(dispatch.dispatcher.send(sms("s-9"))).isInstanceOf(DeliveryReceipt.Unknown.class);
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void aSlowAnswerIsUnknownAndNotRetried() throws Exception {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody(created("SM0010")).withFixedDelay(4000)));

        try (TwilioAdapter impatient = adapter("http://localhost:" + twilio.getPort(), "+15005550006", null,
                Duration.ofSeconds(1))) {
            assertThat(impatient.send(sms("s-10"))).isInstanceOfSatisfying(DeliveryReceipt.Unknown.class,
                    u -> assertThat(u.reason()).contains("no answer"));
        }
        Thread.sleep(4500); // the stand-in has answered by now: whatever it logs, it has logged
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void noConnectionIsRetryLaterAgainstTheProvider() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (TwilioAdapter nowhere = adapter("http://localhost:" + closed, "+15005550006", null)) {
            assertThat(nowhere.send(sms("s-11"))).isInstanceOfSatisfying(DeliveryReceipt.RetryLater.class,
                    r -> assertThat(r.providerDown()).isTrue());
        }
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndDispatchPausesWithoutCallingTwilio() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(500).withBody(error(20500, 500, "Internal Server Error"))));

        for (int i = 0; i < 5; i++) {
            assertThat(dispatch.dispatcher.send(sms("s-" + (20 + i)))).isInstanceOf(DeliveryReceipt.Unknown.class);
        }
        DeliveryReceipt paused = dispatch.dispatcher.send(sms("s-30"));

        assertThat(paused).isInstanceOfSatisfying(DeliveryReceipt.RetryLater.class, r -> {
            assertThat(r.reason()).contains("circuit breaker is open");
            assertThat(r.after()).isEqualTo(clock.instant().plusSeconds(30));
        });
        assertThat(posts()).isEqualTo(5);
    }
}
