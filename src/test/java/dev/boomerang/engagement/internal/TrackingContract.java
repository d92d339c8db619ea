package dev.boomerang.engagement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.campaign.CampaignControl;
import dev.boomerang.delivery.CampaignRuns;
import dev.boomerang.delivery.Run;
import dev.boomerang.delivery.RunStatus;
import dev.boomerang.delivery.internal.SweeperHandle;
import dev.boomerang.engagement.EventLog;
import dev.boomerang.support.ScriptedGreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * Opens, clicks and unsubscribes over real HTTP, on the links of real messages: a small campaign goes out through
 * a real SMTP server (GreenMail), and the test follows the links in what arrived, the way a mail client would.
 * Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "boomerang.campaign.directory=src/test/resources/tracking/campaigns",
        "boomerang.public-url=https://boomerang.example.com",
        "boomerang.template.store.url=https://shop.example.com/?utm_source=boomerang&utm_medium=email",
        "boomerang.channels.email.adapter=smtp", "boomerang.channels.smtp.host=127.0.0.1",
        "boomerang.channels.smtp.tls=none", "boomerang.channels.smtp.limits.rate=0",
        "boomerang.channels.sms.adapter=outbox" })
@Import(SweeperHandle.class)
abstract class TrackingContract {

    static final ScriptedGreenMail SMTP = new ScriptedGreenMail();
    static final String PUBLIC = "https://boomerang.example.com";
    static final Pattern CLICK = Pattern.compile(Pattern.quote(PUBLIC) + "/t/c/[A-Za-z0-9._-]+");
    static final Pattern OPEN = Pattern.compile("<img src=\"" + Pattern.quote(PUBLIC) + "(/t/o/[A-Za-z0-9._-]+)\"[^>]*></body>");
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static {
        SMTP.start();
    }

    static void providers(DynamicPropertyRegistry registry, String name) throws Exception {
        registry.add("boomerang.channels.smtp.port", SMTP::port);
        Path outbox = Files.createTempDirectory("outbox-" + name);
        registry.add("boomerang.channels.outbox.directory", outbox::toString);
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CampaignRuns runs;

    @Autowired
    CampaignControl campaigns;

    @Autowired
    EventLog events;

    @Autowired
    LinkTokens tokens;

    @Autowired
    LinkTargets targets;

    @Autowired
    SweeperHandle sweeper;

    @LocalServerPort
    int port;

    @BeforeEach
    void twoCustomersAndTwoBestSellers() {
        for (String table : List.of("engagement_event", "message_link", "message", "run_audience", "campaign_run",
                "campaign_state", "order_item", "orders", "product", "customer_attribute", "consent_change", "customer")) {
            jdbc.update("DELETE FROM " + table);
        }
        SMTP.clearScript();
        Timestamp now = Timestamp.from(Instant.now());
        for (String who : List.of("ann", "bob", "buyer")) {
            jdbc.update("""
                    INSERT INTO customer (external_id, email, first_name, locale, time_zone, email_consent, sms_consent,
                                          created_at, updated_at)
                    VALUES (?, ?, 'Ann', 'en-US', 'Europe/Warsaw', TRUE, FALSE, ?, ?)""", who, who + "@example.com", now, now);
        }
        jdbc.update("INSERT INTO customer_attribute (customer_id, name, attr_value) SELECT id, 'group', 'tracked'"
                + " FROM customer WHERE external_id IN ('ann', 'bob')");
        jdbc.update("INSERT INTO product (sku, name, price, url, updated_at) VALUES ('beans', 'House beans', 12.5,"
                + " 'https://shop.example.com/p/beans?grind=whole&size=1kg', ?), ('mug', 'Mug', 9, 'https://shop.example.com/p/mug', ?)",
                now, now);
        jdbc.update("INSERT INTO orders (external_id, customer_id, placed_at, total, currency, created_at)"
                + " SELECT 'o1', id, ?, 21.5, 'USD', ? FROM customer WHERE external_id = 'buyer'", now, now);
        jdbc.update("INSERT INTO order_item (order_id, sku, name, quantity, price) SELECT id, 'beans', 'House beans', 1, 12.5"
                + " FROM orders UNION ALL SELECT id, 'mug', 'Mug', 1, 9 FROM orders");
    }

    @Test
    void anOpenAndAClickOnARealMessageRecordOneEventEachAndTheClickLandsWhereTheLinkPointed() throws Exception {
        Run run = run();
        MimeMessage mail = mailTo("ann@example.com");
        String html = part(mail, "text/html");
        long message = jdbc.queryForObject("SELECT m.id FROM message m JOIN customer c ON c.id = m.customer_id"
                + " WHERE c.external_id = 'ann' AND m.run_id = ?", Long.class, run.id());
        long ann = jdbc.queryForObject("SELECT id FROM customer WHERE external_id = 'ann'", Long.class);

        Matcher open = OPEN.matcher(html);
        assertThat(open.find()).as("the pixel just before </body>: " + html).isTrue();
        List<String> clicks = matches(CLICK, HtmlUtils.htmlUnescape(html));
        assertThat(clicks).as("the store (logo and button) and the two best sellers").hasSize(3);
        assertThat(matches(CLICK, part(mail, "text/plain"))).as("the text part links through the same tokens")
            .containsExactlyInAnyOrderElementsOf(clicks);
        assertThat(html).as("no original link is left").doesNotContain("href=\"https://shop.example.com");
        assertThat(html).as("unsubscribe and preferences stay direct").contains(PUBLIC + "/u/").contains(PUBLIC + "/p/");
        assertThat(jdbc.queryForList("SELECT url FROM message_link WHERE message_id = ? ORDER BY position", String.class,
                message)).containsExactlyInAnyOrder("https://shop.example.com/?utm_source=boomerang&utm_medium=email",
                        "https://shop.example.com/p/beans?grind=whole&size=1kg", "https://shop.example.com/p/mug");
        for (String link : clicks) {
            long target = tokens.verifyClick(path(link).substring("/t/c/".length())).orElseThrow().target().orElseThrow();
            assertThat(jdbc.queryForObject("SELECT url FROM link_target WHERE hash = ?", String.class, target))
                .as("the token names the stored target of its link").isEqualTo(target(link));
        }

        assertThat(send(HttpRequest.newBuilder(uri(open.group(1))).HEAD().build()).statusCode())
            .as("a link checker's HEAD: answered, not counted").isEqualTo(200);
        HttpResponse<byte[]> pixel = get(open.group(1));
        assertThat(pixel.statusCode()).isEqualTo(200);
        assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(pixel.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(pixel.body()).hasSize(43).startsWith(new byte[] { 'G', 'I', 'F', '8', '9', 'a' });

        String beans = clicks.stream().filter(c -> target(c).contains("/p/beans")).findFirst().orElseThrow();
        assertThat(send(HttpRequest.newBuilder(uri(path(beans))).HEAD().build()).statusCode()).isEqualTo(302);
        HttpResponse<byte[]> click = get(path(beans) + "?url=https://evil.example&u=https%3A%2F%2Fevil.example");
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).hasValue("https://shop.example.com/p/beans?grind=whole&size=1kg");
        int position = jdbc.queryForObject("SELECT position FROM message_link WHERE message_id = ? AND url LIKE '%beans%'",
                Integer.class, message);
        // the token names the target itself: the message's own record of its links is not needed to follow it
        jdbc.update("DELETE FROM message_link WHERE message_id = ?", message);
        assertThat(send(HttpRequest.newBuilder(uri(path(beans))).HEAD().build()).headers().firstValue("Location"))
            .hasValue("https://shop.example.com/p/beans?grind=whole&size=1kg");

        events.flush();
        assertThat(jdbc.query("SELECT kind, message_id, customer_id, campaign_id, link_position, source"
                + " FROM engagement_event ORDER BY kind DESC", (rs, n) -> String.join(" ", rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), String.valueOf(rs.getObject(5)), rs.getString(6))))
            .containsExactly("opened " + message + " " + ann + " tracked null web",
                    "clicked " + message + " " + ann + " tracked " + position + " web");
    }

    @Test
    void manyClicksAtOnceEachLandWhereItsOwnLinkPointedAndEachIsRecorded() throws Exception {
        run();
        List<String> clicks = new ArrayList<>();
        for (String who : List.of("ann", "bob")) {
            clicks.addAll(matches(CLICK, HtmlUtils.htmlUnescape(part(mailTo(who + "@example.com"), "text/html"))));
        }
        assertThat(clicks).hasSize(6);
        long message = tokens.verifyClick(clicks.getFirst().substring(clicks.getFirst().lastIndexOf('/') + 1))
            .orElseThrow().messageId();
        // links signed before link_target existed name only the message and position: their targets are read from
        // message_link, many to a statement when clicks come together; each must still get its own target
        for (String link : List.copyOf(clicks)) {
            LinkTokens.Click click = tokens.verifyClick(path(link).substring("/t/c/".length())).orElseThrow();
            clicks.add("/t/c/" + tokens.clickTokenWithoutTarget(click.messageId(), click.position()));
        }
        String noSuchLink = "/t/c/" + tokens.clickToken(message, 40, LinkTargets.hash("https://never.example/"));
        String noSuchOldLink = "/t/c/" + tokens.clickTokenWithoutTarget(message, 40);
        List<String> paths = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (int i = 0; i < 420; i++) {
            String path = switch (i % 14) {
                case 12 -> noSuchLink;
                case 13 -> noSuchOldLink;
                default -> path(clicks.get(i % 14));
            };
            paths.add(path);
            answers.add(CLIENT.sendAsync(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.discarding()));
        }
        int found = 0;
        for (int i = 0; i < paths.size(); i++) {
            HttpResponse<Void> answer = answers.get(i).get();
            if (paths.get(i).equals(noSuchLink) || paths.get(i).equals(noSuchOldLink)) {
                assertThat(answer.statusCode()).isEqualTo(404);
                continue;
            }
            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(paths.get(i)).hasValue(target(paths.get(i)));
            found++;
        }
        events.flush();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM engagement_event WHERE kind = 'clicked'", Long.class))
            .isEqualTo(found);
    }

    @Test
    void tamperedForgedAndUnknownTokensGet404AndRecordNothing() throws Exception {
        Run run = run();
        String html = HtmlUtils.htmlUnescape(part(mailTo("ann@example.com"), "text/html"));
        String click = path(matches(CLICK, html).getFirst());
        Matcher openMatch = OPEN.matcher(part(mailTo("ann@example.com"), "text/html"));
        assertThat(openMatch.find()).isTrue();
        String open = openMatch.group(1);
        long message = jdbc.queryForObject("SELECT id FROM message WHERE run_id = ? AND status = 'SENT' ORDER BY id"
                + " FETCH FIRST 1 ROWS ONLY", Long.class, run.id());

        List<String> bad = new ArrayList<>();
        bad.add(tampered(click));
        bad.add(tampered(open));
        bad.add(click.replaceFirst("/t/c/([^.]+)\\.", "/t/c/$1.zz"));         // another message, same signature
        long nowhere = LinkTargets.hash("https://never.example/");
        bad.add("/t/c/" + tokens.clickToken(message, 40, nowhere));         // signed, but no such target stored
        bad.add("/t/c/" + tokens.clickTokenWithoutTarget(message, 40));     // an old link the message never had
        bad.add("/t/c/" + tokens.clickTokenWithoutTarget(987_654_321L, 0)); // an old link of no message
        bad.add("/t/c/1.abc.0-AAAAAAAAAAAAAAAAAAAAAA");                      // made up
        bad.add("/t/o/" + tokens.token(message));                           // an unsubscribe token is no open token
        bad.add("/t/c/" + open.substring(open.lastIndexOf('/') + 1));
        bad.add("/t/o/not-a-token");
        for (String path : bad) {
            HttpResponse<byte[]> response = get(path + "?url=https://evil.example");
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Location")).as(path).isEmpty();
        }
        assertThat(get("/t/ping").statusCode()).isEqualTo(204);

        events.flush();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM engagement_event", Long.class)).isZero();
    }

    @Test
    void getOnTheUnsubscribeLinkChangesNothingAndAPostWithoutCookiesUnsubscribesSoTheNextRunSkipsTheCustomer()
            throws Exception {
        run();
        MimeMessage mail = mailTo("ann@example.com");
        String header = mail.getHeader("List-Unsubscribe", ",");
        assertThat(header).matches("<" + Pattern.quote(PUBLIC) + "/u/[A-Za-z0-9._-]+>");
        assertThat(mail.getHeader("List-Unsubscribe-Post", ",")).isEqualTo("List-Unsubscribe=One-Click");
        String unsubscribe = path(header.substring(1, header.length() - 1));
        assertThat(HtmlUtils.htmlUnescape(part(mail, "text/html"))).as("the footer's link is the header's")
            .contains(PUBLIC + unsubscribe);

        HttpResponse<byte[]> page = get(unsubscribe);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body())).contains("<form method=\"post\"");
        assertThat(consent("ann")).as("a GET (a mail scanner) changes nothing").isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM consent_change", Long.class)).isZero();

        HttpResponse<byte[]> oneClick = send(HttpRequest.newBuilder(uri(unsubscribe))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(consent("ann")).isFalse();
        assertThat(consent("bob")).isTrue();
        assertThat(send(HttpRequest.newBuilder(uri(unsubscribe)).POST(HttpRequest.BodyPublishers.noBody()).build())
            .statusCode()).as("again: nothing left to withdraw").isEqualTo(200);
        events.flush();
        assertThat(jdbc.query("SELECT e.kind, c.external_id, e.campaign_id FROM engagement_event e"
                + " JOIN customer c ON c.id = e.customer_id", (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " "
                        + rs.getString(3))).containsExactly("unsubscribed ann tracked");

        SMTP.clearScript();
        Run second = run();
        assertThat(jdbc.query("SELECT c.external_id, m.status, m.reason FROM message m JOIN customer c"
                + " ON c.id = m.customer_id WHERE m.run_id = ? ORDER BY c.external_id",
                (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3), second.id()))
            .containsExactly("ann SKIPPED no-consent", "bob SENT null");
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void anEmailRetriedAfterATemporaryRefusalIsRenderedAgainAndItsLinksReplacedNotDoubled() throws Exception {
        SMTP.onData("bob@example.com", "451 4.3.0 try again later");
        Run run = run();
        long bob = jdbc.queryForObject("SELECT m.id FROM message m JOIN customer c ON c.id = m.customer_id"
                + " WHERE c.external_id = 'bob' AND m.run_id = ?", Long.class, run.id());
        assertThat(jdbc.queryForObject("SELECT status FROM message WHERE id = ?", String.class, bob)).isEqualTo("RETRY");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_link WHERE message_id = ?", Long.class, bob))
            .isEqualTo(3);

        SMTP.clearScript();
        jdbc.update("UPDATE message SET not_before = ? WHERE id = ?", Timestamp.from(Instant.now().minusSeconds(1)), bob);
        sweeper.sweepNow();

        assertThat(jdbc.queryForObject("SELECT status FROM message WHERE id = ?", String.class, bob)).isEqualTo("SENT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_link WHERE message_id = ?", Long.class, bob))
            .isEqualTo(3);
        String click = path(matches(CLICK, HtmlUtils.htmlUnescape(part(mailTo("bob@example.com"), "text/html"))).getFirst());
        assertThat(get(click).statusCode()).isEqualTo(302);
    }

    Run run() {
        Run run = runs.execute(campaigns.runNow("tracked", false).id());
        assertThat(run.status()).as(run.detail()).isEqualTo(RunStatus.COMPLETED);
        return run;
    }

    boolean consent(String who) {
        return jdbc.queryForObject("SELECT email_consent FROM customer WHERE external_id = ?", Boolean.class, who);
    }

    MimeMessage mailTo(String address) throws Exception {
        for (MimeMessage mail : SMTP.getReceivedMessages()) {
            if (mail.getAllRecipients()[0].toString().equals(address)) {
                return mail;
            }
        }
        throw new AssertionError("no mail to " + address);
    }

    /** The first part of that type, decoded. */
    static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = partOrNull(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String partOrNull(Part part, String type) throws Exception {
        try {
            return part(part, type);
        }
        catch (AssertionError none) {
            return null;
        }
    }

    static List<String> matches(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return List.copyOf(found);
    }

    /** Where a click link goes, by the message's record of its links (for picking one). */
    String target(String clickLink) {
        String token = clickLink.substring(clickLink.lastIndexOf('/') + 1);
        LinkTokens.Click click = tokens.verifyClick(token).orElseThrow();
        return jdbc.queryForObject("SELECT url FROM message_link WHERE message_id = ? AND position = ?", String.class,
                click.messageId(), click.position());
    }

    @Test
    void aTargetWhoseHashAlreadyNamesAnotherUrlIsRefusedAndTheStoredOneIsLeftAsItWas() {
        String wanted = "https://shop.example.com/p/collides-" + System.nanoTime();
        long hash = LinkTargets.hash(wanted);
        jdbc.update("INSERT INTO link_target (hash, url) VALUES (?, 'https://shop.example.com/p/already-there')", hash);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> targets.store(List.of("https://shop.example.com/p/mug",
                wanted))).isInstanceOf(IllegalStateException.class).hasMessageContaining("share the hash");
        assertThat(jdbc.queryForObject("SELECT url FROM link_target WHERE hash = ?", String.class, hash))
            .isEqualTo("https://shop.example.com/p/already-there");
        assertThat(targets.url(LinkTargets.hash("https://shop.example.com/p/mug"))).as("the other one was stored")
            .hasValue("https://shop.example.com/p/mug");
    }

    /** The path of a public link, to be asked of the server under test. */
    static String path(String publicLink) {
        return publicLink.startsWith(PUBLIC) ? publicLink.substring(PUBLIC.length()) : publicLink;
    }

    /** The token with its last signature character changed. */
    static String tampered(String path) {
        char last = path.charAt(path.length() - 1);
        return path.substring(0, path.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
