package dev.boomerang.engagement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.boomerang.campaign.CampaignControl;
import dev.boomerang.delivery.CampaignRuns;
import dev.boomerang.delivery.Run;
import dev.boomerang.delivery.RunStatus;
import dev.boomerang.support.Http;
import dev.boomerang.support.MutableClock;
import dev.boomerang.support.ScriptedGreenMail;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What providers tell us, over real HTTP into the application: Twilio's status callbacks and SMS replies (signed
 * as Twilio signs them, WireMock standing in for Twilio's API), bounce and complaint reports through the API, and
 * an SMTP server's 550 during a campaign. Each test checks what was written, and that a refused request wrote
 * nothing. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ProviderClock.class)
abstract class ProviderWebhooksContract {

    static final Instant T = Instant.parse("2026-06-15T10:00:00Z"); // noon in Warsaw: no quiet hours
    static final String PUBLIC_URL = "https://boomerang.example.com";
    static final String AUTH_TOKEN = "twilio-test-auth-token";
    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

    /** Shared by the subclasses' contexts, and stopped with the JVM. */
    static final ScriptedGreenMail SMTP = new ScriptedGreenMail();
    static final WireMockServer TWILIO = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        SMTP.start();
        TWILIO.start();
    }

    static void providers(DynamicPropertyRegistry registry, String name) {
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
        registry.add("boomerang.campaign.directory", () -> "src/test/resources/engagement-providers");
        registry.add("boomerang.engagement.public-url", () -> PUBLIC_URL);
        registry.add("boomerang.channels.email.adapter", () -> "smtp");
        registry.add("boomerang.channels.smtp.host", () -> "127.0.0.1");
        registry.add("boomerang.channels.smtp.port", SMTP::port);
        registry.add("boomerang.channels.smtp.tls", () -> "none");
        registry.add("boomerang.channels.smtp.limits.rate", () -> "0");
        registry.add("boomerang.channels.sms.adapter", () -> "twilio");
        registry.add("boomerang.channels.twilio.account-sid", () -> SID);
        registry.add("boomerang.channels.twilio.auth-token", () -> AUTH_TOKEN);
        registry.add("boomerang.channels.twilio.from", () -> "+15005550006");
        registry.add("boomerang.channels.twilio.base-url", () -> "http://localhost:" + TWILIO.port());
        registry.add("boomerang.channels.twilio.limits.rate", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CampaignControl campaigns;

    @Autowired
    CampaignRuns runs;

    @Autowired
    EventLog events;

    @Autowired
    MutableClock clock;

    Http http;

    @BeforeEach
    void emptyStore() {
        events.flush();
        for (String table : List.of("engagement_event", "provider_status", "message", "run_audience", "campaign_run",
                "suppression", "customer_attribute", "consent_change", "customer")) {
            jdbc.update("DELETE FROM " + table);
        }
        SMTP.clearScript();
        TWILIO.resetAll();
        clock.set(T);
        http = new Http(port);
    }

    // --- set-up ---------------------------------------------------------------------------------------------

    /** A customer in a campaign's group, consenting on both channels. */
    long customer(String externalId, String group, String email, String phone) {
        jdbc.update("""
                INSERT INTO customer (external_id, email, phone, first_name, locale, time_zone, email_consent,
                                      sms_consent, created_at, updated_at)
                VALUES (?, ?, ?, 'Ann', 'en-US', 'Europe/Warsaw', TRUE, TRUE, ?, ?)""", externalId, email, phone,
                Timestamp.from(T), Timestamp.from(T));
        long id = jdbc.queryForObject("SELECT id FROM customer WHERE external_id = ?", Long.class, externalId);
        jdbc.update("INSERT INTO customer_attribute (customer_id, name, attr_value) VALUES (?, 'group', ?)", id, group);
        return id;
    }

    /** Twilio takes every message to {@code number} and names it {@code sid}. */
    void twilioAccepts(String number, String sid) {
        TWILIO.stubFor(post(MESSAGES).withRequestBody(containing("To=" + URLEncoder.encode(number, StandardCharsets.UTF_8)))
            .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + sid + "\", \"status\": \"queued\", \"to\": \"" + number + "\", \"account_sid\": \""
                        + SID + "\"}")));
    }

    Run run(String campaignId) {
        Run run = runs.execute(campaigns.runNow(campaignId, false).id());
        assertThat(run.status()).as(run.detail()).isEqualTo(RunStatus.COMPLETED);
        // the next run of the same campaign is another manual occurrence, later
        clock.advance(java.time.Duration.ofMinutes(1));
        return run;
    }

    int twilioPosts() {
        return TWILIO.findAll(postRequestedFor(urlPathMatching(".*/Messages.json"))).size();
    }

    long messageOf(String externalId, String campaignId) {
        return jdbc.queryForObject("SELECT m.id FROM message m JOIN customer c ON c.id = m.customer_id"
                + " WHERE c.external_id = ? AND m.campaign_id = ? ORDER BY m.id DESC LIMIT 1", Long.class, externalId,
                campaignId);
    }

    /** Twilio's signature: HMAC-SHA1 under the auth token of the URL and the sorted parameters, base64. */
    static String signature(String token, String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    /** A webhook call as Twilio makes it: signed for our public URL and the path. */
    Http.Response twilio(String path, Map<String, String> params) throws Exception {
        return http.send("POST", path, "application/x-www-form-urlencoded", form(params), "X-Twilio-Signature",
                signature(AUTH_TOKEN, PUBLIC_URL + path, params));
    }

    Http.Response status(String sid, String status, String errorCode) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("AccountSid", SID);
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        params.put("To", "+48500100200");
        params.put("From", "+15005550006");
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        return twilio("/webhooks/twilio/status", params);
    }

    Http.Response reply(String from, String body) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SMreply" + UUID.randomUUID().toString().substring(0, 8));
        params.put("AccountSid", SID);
        params.put("From", from);
        params.put("To", "+15005550006");
        params.put("Body", body);
        params.put("NumMedia", "0");
        return twilio("/webhooks/twilio/inbound", params);
    }

    List<String> eventsOf(long messageId) {
        events.flush();
        return jdbc.queryForList("SELECT kind FROM engagement_event WHERE message_id = ? ORDER BY id", String.class, messageId);
    }

    /** Rows with upper-case column names, whatever the database calls them. */
    List<Map<String, Object>> rows(String sql, Object... args) {
        return jdbc.queryForList(sql, args).stream().map(row -> {
            Map<String, Object> upper = new LinkedHashMap<>();
            row.forEach((k, v) -> upper.put(k.toUpperCase(java.util.Locale.ROOT), v));
            return upper;
        }).toList();
    }

    long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    // --- Twilio status callbacks ------------------------------------------------------------------------------

    @Test
    void theSmsAsksTwilioToReportToTheStatusWebhookUnderThePublicUrl() {
        customer("ann", "texts", "ann@example.com", "+48500100200");
        twilioAccepts("+48500100200", "SM00000000000000000000000000000001");

        run("texts");

        TWILIO.verify(1, postRequestedFor(urlPathMatching(".*/Messages.json"))
            .withFormParam("StatusCallback", equalTo(PUBLIC_URL + "/webhooks/twilio/status")));
    }

    @Test
    void aForgedSignatureGets403AndWritesNothing() throws Exception {
        customer("ann", "texts", "ann@example.com", "+48500100200");
        twilioAccepts("+48500100200", "SM00000000000000000000000000000002");
        run("texts");
        Map<String, String> delivered = Map.of("MessageSid", "SM00000000000000000000000000000002", "MessageStatus",
                "delivered", "To", "+48500100200");
        Map<String, String> stop = Map.of("From", "+48500100200", "Body", "STOP");

        List<Http.Response> refused = new ArrayList<>();
        refused.add(http.send("POST", "/webhooks/twilio/status", "application/x-www-form-urlencoded", form(delivered)));
        refused.add(http.send("POST", "/webhooks/twilio/status", "application/x-www-form-urlencoded", form(delivered),
                "X-Twilio-Signature", signature("someone-elses-token", PUBLIC_URL + "/webhooks/twilio/status", delivered)));
        refused.add(http.send("POST", "/webhooks/twilio/status", "application/x-www-form-urlencoded", form(delivered),
                "X-Twilio-Signature", signature(AUTH_TOKEN, "http://127.0.0.1:" + port + "/webhooks/twilio/status", delivered)));
        Map<String, String> tampered = new LinkedHashMap<>(delivered);
        String signedForQueued = signature(AUTH_TOKEN, PUBLIC_URL + "/webhooks/twilio/status",
                Map.of("MessageSid", "SM00000000000000000000000000000002", "MessageStatus", "queued", "To", "+48500100200"));
        refused.add(http.send("POST", "/webhooks/twilio/status", "application/x-www-form-urlencoded", form(tampered),
                "X-Twilio-Signature", signedForQueued));
        refused.add(http.send("POST", "/webhooks/twilio/inbound", "application/x-www-form-urlencoded", form(stop),
                "X-Twilio-Signature", signature("someone-elses-token", PUBLIC_URL + "/webhooks/twilio/inbound", stop)));

        assertThat(refused).extracting(Http.Response::status).containsOnly(403);
        assertThat(count("provider_status")).isZero();
        assertThat(jdbc.queryForObject("SELECT delivery_status FROM message", String.class)).isNull();
        assertThat(jdbc.queryForObject("SELECT sms_consent FROM customer", Boolean.class)).isTrue();
        events.flush();
        assertThat(count("engagement_event")).isZero();
    }

    @Test
    void repeatedCallbacksAndALateSentLeaveOneEventPerStatusAndTheMessageDelivered() throws Exception {
        customer("ann", "texts", "ann@example.com", "+48500100200");
        twilioAccepts("+48500100200", "SM00000000000000000000000000000003");
        run("texts");
        long message = messageOf("ann", "texts");

        assertThat(status("SM00000000000000000000000000000003", "queued", null).status()).isEqualTo(200);
        assertThat(status("SM00000000000000000000000000000003", "sent", null).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(status("SM00000000000000000000000000000003", "delivered", null).status()).isEqualTo(200);
        }
        assertThat(status("SM00000000000000000000000000000003", "sent", null).status()).isEqualTo(200);

        assertThat(jdbc.queryForList("SELECT status FROM provider_status WHERE message_id = ? ORDER BY status",
                String.class, message)).containsExactly("delivered", "queued", "sent");
        assertThat(jdbc.queryForObject("SELECT delivery_status FROM message WHERE id = ?", String.class, message))
            .isEqualTo("delivered");
        assertThat(eventsOf(message)).containsExactly("delivered");
        assertThat(rows("SELECT customer_id, campaign_id, source FROM engagement_event WHERE message_id = ?", message).getFirst()).containsEntry("CAMPAIGN_ID", "texts").containsEntry("SOURCE", "twilio");
    }

    @Test
    void anUnknownSidIsAnswered200AndWritesNothing() throws Exception {
        assertThat(status("SM0000000000000000000000000000dead", "delivered", null).status()).isEqualTo(200);
        assertThat(count("provider_status")).isZero();
        events.flush();
        assertThat(count("engagement_event")).isZero();
    }

    @Test
    void anUndeliverableNumberBouncesAndIsSuppressed() throws Exception {
        customer("ann", "texts", "ann@example.com", "+48500100200");
        twilioAccepts("+48500100200", "SM00000000000000000000000000000004");
        run("texts");
        long message = messageOf("ann", "texts");

        status("SM00000000000000000000000000000004", "sent", null);
        status("SM00000000000000000000000000000004", "undelivered", "30005");
        status("SM00000000000000000000000000000004", "undelivered", "30005");

        assertThat(eventsOf(message)).containsExactly("bounced");
        assertThat(jdbc.queryForObject("SELECT delivery_status FROM message WHERE id = ?", String.class, message))
            .isEqualTo("undelivered");
        assertThat(rows("SELECT channel, address, reason, source FROM suppression")).containsExactly(
                Map.of("CHANNEL", "sms", "ADDRESS", "+48500100200", "REASON", "invalid", "SOURCE", "twilio:30005"));
    }

    // --- SMS replies ------------------------------------------------------------------------------------------

    @Test
    void stopWithdrawsConsentSoTheNextRunCallsNoTwilioAndStartRestoresIt() throws Exception {
        long ann = customer("ann", "texts", "ann@example.com", "+48500100200");
        long same = customer("ann-again", "other", "ann2@example.com", "+48500100200");
        twilioAccepts("+48500100200", "SM00000000000000000000000000000005");

        Http.Response stop = reply("+48 500 100 200", "  Stop ");

        assertThat(stop.status()).isEqualTo(200);
        assertThat(stop.body()).endsWith("<Response/>");
        assertThat(jdbc.queryForList("SELECT sms_consent FROM customer ORDER BY id", Boolean.class)).containsExactly(false, false);
        events.flush();
        assertThat(jdbc.queryForList("SELECT customer_id FROM engagement_event WHERE kind = 'unsubscribed' ORDER BY customer_id",
                Long.class)).containsExactly(ann, same);

        Run skipped = run("texts");
        assertThat(twilioPosts()).as("no call to Twilio").isZero();
        TWILIO.verify(0, postRequestedFor(urlPathMatching(".*/Messages.json")));
        assertThat(runs.messages("texts", "ann", null, 1).getFirst()).satisfies(m -> {
            assertThat(m.status().name()).isEqualTo("SKIPPED");
            assertThat(m.reason()).isEqualTo("no-consent");
        });
        assertThat(skipped.skipped()).containsEntry("no-consent", 1L);

        assertThat(reply("+48500100200", "START").body()).endsWith("<Response/>");
        assertThat(jdbc.queryForObject("SELECT sms_consent FROM customer WHERE id = ?", Boolean.class, ann)).isTrue();
        run("texts");
        assertThat(twilioPosts()).as("sent after START").isEqualTo(1);
        TWILIO.verify(1, postRequestedFor(urlPathMatching(".*/Messages.json")).withRequestBody(containing("To=%2B48500100200")));
    }

    @Test
    void aStopAnsweringAMessageCountsAgainstIt() throws Exception {
        customer("ann", "texts", "ann@example.com", "+48500100200");
        twilioAccepts("+48500100200", "SM00000000000000000000000000000006");
        run("texts");
        long message = messageOf("ann", "texts");

        reply("+48500100200", "unsubscribe");
        reply("+48500100200", "STOP");

        assertThat(eventsOf(message)).as("one unsubscribe: the second STOP changed nothing").containsExactly("unsubscribed");
    }

    @Test
    void helpAnswersWithTheHelpTextAndOtherRepliesGetNothing() throws Exception {
        customer("ann", "texts", "ann@example.com", "+48500100200");

        Http.Response help = reply("+48500100200", "help");
        Http.Response chat = reply("+48500100200", "Stop sending me coffee please");

        assertThat(help.status()).isEqualTo(200);
        assertThat(help.body()).contains("<Response><Message>Bean &amp; Leaf: offers and news by text. Reply STOP to"
                + " unsubscribe, START to subscribe again.</Message></Response>");
        assertThat(chat.body()).endsWith("<Response/>");
        assertThat(jdbc.queryForObject("SELECT sms_consent FROM customer", Boolean.class)).isTrue();
    }

    // --- bounce and complaint reports ------------------------------------------------------------------------

    @Test
    void aBadReportIsRefusedNamingItsIndexAndFieldAndNothingIsWritten() {
        customer("bob", "mails", "bob@example.com", null);

        Http.Response refused = http.ingest("POST", "/api/engagement/bounces", "application/json", """
                [{"email": "bob@example.com", "type": "bounce"},
                 {"email": "carol@example.com", "type": "soft"},
                 {"email": "not an address", "type": "complaint", "at": "yesterday"}]""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("[1].type: must be bounce or complaint")
            .contains("\"index\":2,\"field\":\"email\"").contains("\"index\":2,\"field\":\"at\"");
        assertThat(count("suppression")).isZero();
        events.flush();
        assertThat(count("engagement_event")).isZero();
        assertThat(http.send("POST", "/api/engagement/bounces", "application/json", "[]").status())
            .as("no key, no entry").isEqualTo(401);
    }

    @Test
    void reportsSuppressTheAddressesAndRecordEventsAboutTheMessageOrTheCustomer() {
        long bob = customer("bob", "mails", "bob@example.com", null);
        customer("dan", "mails", "dan@example.com", null);
        run("mails");
        long danMessage = messageOf("dan", "mails");
        String danMessageId = jdbc.queryForObject("SELECT provider_id FROM message WHERE id = ?", String.class, danMessage);

        Http.Response accepted = http.ingest("POST", "/api/engagement/bounces", "application/json", """
                [{"email": "Bob@Example.com", "type": "bounce", "at": "2026-06-15T09:00:00Z"},
                 {"email": "dan@example.com", "type": "complaint", "messageId": "%s"},
                 {"email": "nobody@example.com", "type": "bounce", "messageId": 999999}]""".formatted(
                danMessageId.replace("<", "").replace(">", "")));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"reports\":3").contains("\"events\":3");
        assertThat(rows("SELECT address, reason FROM suppression ORDER BY address")).containsExactly(
                Map.of("ADDRESS", "bob@example.com", "REASON", "bounced"),
                Map.of("ADDRESS", "dan@example.com", "REASON", "complained"),
                Map.of("ADDRESS", "nobody@example.com", "REASON", "bounced"));
        events.flush();
        assertThat(rows("SELECT kind, message_id, customer_id, campaign_id FROM engagement_event"))
            .containsExactlyInAnyOrder(
                    row("bounced", null, bob, null),
                    row("complained", danMessage, jdbc.queryForObject("SELECT id FROM customer WHERE external_id = 'dan'",
                            Long.class), "mails"),
                    row("bounced", null, null, null));
        assertThat(jdbc.queryForObject("SELECT occurred_at FROM engagement_event WHERE customer_id = ?",
                java.time.OffsetDateTime.class, bob).toInstant()).isEqualTo(Instant.parse("2026-06-15T09:00:00Z"));
    }

    static Map<String, Object> row(String kind, Long message, Long customer, String campaign) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("KIND", kind);
        row.put("MESSAGE_ID", message);
        row.put("CUSTOMER_ID", customer);
        row.put("CAMPAIGN_ID", campaign);
        return row;
    }

    // --- SMTP refusals during a send -------------------------------------------------------------------------

    @Test
    void aMailboxRefusedDuringACampaignIsABounceOfThatMessage() {
        customer("gone", "mails", "gone@example.com", null);
        customer("here", "mails", "here@example.com", null);
        SMTP.onRecipient("gone@example.com", "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown");

        run("mails");

        long gone = messageOf("gone", "mails");
        assertThat(rows("SELECT status, reason FROM message WHERE id = ?", gone).getFirst())
            .isEqualTo(Map.of("STATUS", "REJECTED", "REASON", "address-bounced"));
        assertThat(eventsOf(gone)).containsExactly("bounced");
        assertThat(jdbc.queryForObject("SELECT source FROM engagement_event WHERE message_id = ?", String.class, gone))
            .isEqualTo("smtp:550");
        assertThat(eventsOf(messageOf("here", "mails"))).isEmpty();
        assertThat(jdbc.queryForList("SELECT address FROM suppression", String.class)).containsExactly("gone@example.com");
    }
}
