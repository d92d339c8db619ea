package dev.boomerang.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.Http;
import dev.boomerang.support.Http.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The segment endpoints over real HTTP with the security filters: the catalog, previews and streamed member
 * lists of defined and ad-hoc rules, and the problem responses for bad rules, unknown ids and bad instants.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "boomerang.segment.directory=src/test/resources/segments")
@ActiveProfiles("test")
class SegmentsApiTest {

    static final OffsetDateTime T = OffsetDateTime.parse("2026-06-15T12:00:00Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "segments-api-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper mapper;

    Http http;

    @BeforeEach
    void store() {
        http = new Http(port);
        jdbc.update("DELETE FROM customer");
        // c1, c2 ordered recently; "c,3" (a comma in the store's id) long ago; c4 never
        for (int i = 1; i <= 4; i++) {
            OffsetDateTime last = i <= 2 ? T.minusDays(i) : i == 3 ? T.minusDays(100) : null;
            jdbc.update("""
                    INSERT INTO customer (external_id, email, first_name, order_count, total_spent, first_order_at, last_order_at,
                                          created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", i == 3 ? "c,3" : "c" + i, "c" + i + "@example.com", "Name" + i,
                    last == null ? 0 : 1, last == null ? 0 : 10, last, last, T, T);
        }
    }

    Response post(String path, String yaml) {
        String basic = Base64.getEncoder().encodeToString((Http.ADMIN_USER + ":" + Http.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send("POST", path, "application/yaml", yaml, "Authorization", "Basic " + basic);
    }

    JsonNode json(Response response) {
        return mapper.readTree(response.body());
    }

    @Test
    void theCatalogListsIdsDescriptionsAndValidity() {
        Response r = http.admin("GET", "/api/admin/segments");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode list = json(r);
        assertThat(list).hasSize(2);
        assertThat(list.get(1).get("id").asString()).isEqualTo("recent");
        assertThat(list.get(1).get("description").asString()).isEqualTo("ordered in the last 30 days");
        assertThat(list.get(1).get("valid").asBoolean()).isTrue();
        assertThat(http.send("GET", "/api/admin/segments", null, null).status()).isEqualTo(401);
    }

    @Test
    void aPreviewCountsAndSamplesAsOfTheGivenInstant() {
        JsonNode preview = json(http.admin("GET", "/api/admin/segments/recent/preview?asOf=2026-06-15T12:00:00Z"));
        assertThat(preview.get("segment").asString()).isEqualTo("recent");
        assertThat(preview.get("count").asLong()).isEqualTo(2);
        assertThat(preview.get("asOf").asString()).isEqualTo("2026-06-15T12:00:00Z");
        assertThat(preview.get("sample")).extracting(m -> m.get("customerId").asString()).containsExactly("c1", "c2");
        assertThat(preview.get("sample").get(0).get("email").asString()).isEqualTo("c1@example.com");
        // a date means midnight UTC: c2's order (13 June 12:00) is within 30 days of 1 July, c1's too
        assertThat(json(http.admin("GET", "/api/admin/segments/not-recent/preview?asOf=2026-07-01")).get("count").asLong()).isEqualTo(2);
    }

    @Test
    void unknownSegmentsAndBadInstantsAreProblems() {
        Response unknown = http.admin("GET", "/api/admin/segments/recnt/preview");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(json(unknown).get("detail").asString()).isEqualTo("no segment 'recnt'; did you mean 'recent'?");
        Response badAsOf = http.admin("GET", "/api/admin/segments/recent/preview?asOf=last-tuesday");
        assertThat(badAsOf.status()).isEqualTo(400);
        assertThat(json(badAsOf).get("detail").asString()).startsWith("asOf: 'last-tuesday' is not an instant");
        assertThat(http.admin("GET", "/api/admin/segments/recnt/members").status()).isEqualTo(404);
    }

    @Test
    void membersStreamAsCsvWithTheStoresIds() {
        Response r = http.admin("GET", "/api/admin/segments/not-recent/members?asOf=2026-06-15T12:00:00Z");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().lines().toList()).containsExactly("customer_id", "\"c,3\"", "c4");
    }

    @Test
    void adHocRulesArePreviewedAndListed() {
        Response preview = post("/api/admin/segments/preview", """
                rule:
                  any:
                    - never-ordered: true
                    - last-order: { more-than: 50d }
                asOf: 2026-06-15T12:00:00Z
                """);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(json(preview).get("count").asLong()).isEqualTo(2);
        assertThat(json(preview).has("segment")).isFalse();
        Response members = post("/api/admin/segments/members", "rule: { segment: recent }\nasOf: 2026-06-15T12:00:00Z\n");
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body().lines().toList()).containsExactly("customer_id", "c1", "c2");
        // without asOf: now, when the orders of June 2026 may or may not be recent; the answer is still a CSV
        assertThat(post("/api/admin/segments/members", "rule: { never-ordered: true }").body()).startsWith("customer_id\nc4");
    }

    @Test
    void aBadAdHocRuleIsA400ProblemListingEveryMistakeWithItsPlace() {
        Response r = post("/api/admin/segments/preview", """
                rule:
                  all:
                    - lst-order: { more-than: 60d }
                    - orders: { at-least: 2, within: 3 months }
                    - segment: recnt
                """);
        assertThat(r.status()).isEqualTo(400);
        JsonNode problem = json(r);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid segment rule");
        assertThat(problem.get("detail").asString()).isEqualTo("the rule has 3 mistakes");
        List<String> errors = problem.get("errors").valueStream()
            .map(e -> e.get("line").asInt() + ":" + e.get("column").asInt() + " " + e.get("message").asString() + " / " + e.get("hint").asString())
            .toList();
        assertThat(errors).containsExactly(
                "3:7 unknown key 'lst-order' in the rule / did you mean 'last-order'?",
                "4:38 '3 months' is not a duration / write a whole number and a unit: m (minutes), h (hours), d (days) or w (weeks), as in 90d",
                "5:16 unknown segment 'recnt' / did you mean 'recent'?");
        assertThat(post("/api/admin/segments/members", "rule: [oops]").status()).isEqualTo(400);
        assertThat(post("/api/admin/segments/preview", "rule: { never-ordered: true }\nasOf: soon\n").status()).isEqualTo(400);
        assertThat(post("/api/admin/segments/preview", "x".repeat(70_000)).status()).isEqualTo(413);
        assertThat(http.send("POST", "/api/admin/segments/preview", "application/yaml", "rule: { never-ordered: true }").status())
            .isEqualTo(401);
    }

    @Test
    void instantsInResponsesAreUtc() {
        JsonNode preview = json(http.admin("GET", "/api/admin/segments/recent/preview?asOf=2026-06-15T14:00:00%2B02:00"));
        assertThat(Instant.parse(preview.get("asOf").asString())).isEqualTo(T.toInstant());
    }
}
