package dev.boomerang.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.BoomerangProcess;
import dev.boomerang.support.BoomerangProcess.Result;
import dev.boomerang.support.Cdnow;
import dev.boomerang.support.Cdnow.Purchase;
import dev.boomerang.support.PostgresDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CDNOW purchase log imported into PostgreSQL through the packaged jar, then previewed with
 * {@code segments preview} as a user would: each segment's count must equal the count computed here straight
 * from the file, as of 1998-07-01 (after the last purchase) and as of 1997-03-15 (when most of the log is still
 * in the future, so the stored aggregates may not be used as they are).
 */
class SegmentsOnCdnowIT {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @TempDir
    static Path dir;

    static Map<String, List<Purchase>> byCustomer;

    /** A segment: its YAML rule and the same question asked of one customer's purchases as of T. */
    record Question(String id, String rule, CustomerTest test) {
    }

    interface CustomerTest {
        boolean test(List<Purchase> purchases, Instant t);
    }

    static final List<Question> QUESTIONS = List.of(
            new Question("lapsed", "last-order: { more-than: 90d, less-than: 365d }",
                    (p, t) -> last(p, t) != null && gap(last(p, t), t).compareTo(days(90)) > 0 && gap(last(p, t), t).compareTo(days(365)) < 0),
            new Question("frequent-180d", "orders: { at-least: 3, within: 180d }",
                    (p, t) -> window(p, t, days(180)).size() >= 3),
            new Question("big-spenders-365d", "spent: { at-least: 100, within: 365d }",
                    (p, t) -> sum(window(p, t, days(365))).compareTo(new BigDecimal("100")) >= 0),
            new Question("loyal", "all: [ { orders: { at-least: 5 } }, { average-order: { at-least: 30 } } ]",
                    (p, t) -> upTo(p, t).size() >= 5 && sum(upTo(p, t)).compareTo(new BigDecimal(30 * upTo(p, t).size())) >= 0),
            new Question("one-timers-gone", "all: [ { orders: { at-most: 1 } }, { last-order: { more-than: 180d } } ]",
                    (p, t) -> upTo(p, t).size() == 1 && gap(last(p, t), t).compareTo(days(180)) > 0),
            new Question("recent-or-big", "any: [ { last-order: { less-than: 30d } }, { spent: { at-least: 500 } } ]",
                    (p, t) -> last(p, t) != null && gap(last(p, t), t).compareTo(days(30)) < 0 || sum(upTo(p, t)).compareTo(new BigDecimal(500)) >= 0),
            new Question("low-spend", "spent: { at-most: 20 }",
                    (p, t) -> sum(upTo(p, t)).compareTo(new BigDecimal(20)) <= 0),
            new Question("new-30d", "first-order: { within: 30d }",
                    (p, t) -> {
                        Instant first = p.stream().map(SegmentsOnCdnowIT::placed).min(Instant::compareTo).orElseThrow();
                        return first.isAfter(t.minus(days(30))) && !first.isAfter(t);
                    }),
            new Question("not-yet-customers", "never-ordered: true", (p, t) -> upTo(p, t).isEmpty()));

    @BeforeAll
    static void importCdnowAndWriteTheSegments() throws Exception {
        List<Purchase> purchases = Cdnow.purchases();
        byCustomer = purchases.stream().collect(Collectors.groupingBy(Purchase::customerId));
        Cdnow.writeCsv(purchases, dir);
        Path segments = Files.createDirectories(dir.resolve("config").resolve("segments"));
        for (Question q : QUESTIONS) {
            Files.writeString(segments.resolve(q.id() + ".yml"), "id: " + q.id() + "\nrule:\n  " + q.rule() + "\n");
        }
        for (String kind : List.of("customers", "orders")) {
            Result result = BoomerangProcess.run(dir, BoomerangProcess.postgres(DATABASE), 5, "import", kind, kind + ".csv");
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @Test
    void previewsAsOfJuly1998AgreeWithCountsFromTheFile() throws Exception {
        assertPreviewsAgree(Instant.parse("1998-07-01T00:00:00Z"), "1998-07-01");
    }

    @Test
    void previewsAsOfMarch1997AgreeWithCountsFromTheFile() throws Exception {
        assertPreviewsAgree(Instant.parse("1997-03-15T00:00:00Z"), "1997-03-15");
    }

    private void assertPreviewsAgree(Instant t, String asOf) throws Exception {
        List<String> args = new ArrayList<>(List.of("segments", "preview"));
        QUESTIONS.forEach(q -> args.add(q.id()));
        args.addAll(List.of("--as-of", asOf));
        Result result = BoomerangProcess.run(dir, BoomerangProcess.postgres(DATABASE), 5, args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
        Map<String, Long> previewed = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([a-z0-9-]+): (\\d+) customers as of").matcher(result.output());
        while (m.find()) {
            previewed.put(m.group(1), Long.parseLong(m.group(2)));
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        for (Question q : QUESTIONS) {
            expected.put(q.id(), byCustomer.values().stream().filter(p -> q.test().test(p, t)).count());
        }
        assertThat(previewed).as(result.output()).isEqualTo(expected);
        // the questions are not vacuous: most select some customers and none selects all
        assertThat(expected.values().stream().filter(n -> n > 0 && n < byCustomer.size())).hasSizeGreaterThanOrEqualTo(5);
    }

    static Instant placed(Purchase p) {
        return p.date().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static List<Purchase> upTo(List<Purchase> purchases, Instant t) {
        return filter(purchases, p -> !placed(p).isAfter(t));
    }

    static List<Purchase> window(List<Purchase> purchases, Instant t, Duration within) {
        return filter(purchases, p -> !placed(p).isAfter(t) && placed(p).isAfter(t.minus(within)));
    }

    static List<Purchase> filter(List<Purchase> purchases, Predicate<Purchase> keep) {
        return purchases.stream().filter(keep).toList();
    }

    static Instant last(List<Purchase> purchases, Instant t) {
        return upTo(purchases, t).stream().map(SegmentsOnCdnowIT::placed).max(Instant::compareTo).orElse(null);
    }

    static Duration gap(Instant last, Instant t) {
        return Duration.between(last, t);
    }

    static Duration days(long n) {
        return Duration.ofDays(n);
    }

    static BigDecimal sum(List<Purchase> purchases) {
        return purchases.stream().map(Purchase::dollars).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
